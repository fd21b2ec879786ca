/** 考试预警 as an xlsx: the rows on screen with the columns of the table and of the 月度绩效表's 考试预警 sheet. */
import { addDays } from '../../../../shared/china-time';
import { weekMonday } from '../../../../shared/engine/exams';
import type { ExamRowView } from '../../../../shared/events-view';
import type { CellValue, ExportColumn } from '../../ui/table-xlsx';

export const EXAM_EXPORT_COLUMNS: ExportColumn[] = [
  { title: '客服' },
  { title: '店铺' },
  { title: '账号' },
  { title: '预警周' },
  { title: '预警原因' },
  { title: '通知日期' },
  { title: '考试截止' },
  { title: '状态' },
  { title: '考试记录' },
  { title: '重复预警' },
];

export function examExportRows(rows: readonly ExamRowView[]): CellValue[][] {
  return rows.map((r) => [
    r.agent ?? '未绑定',
    r.shop,
    r.account,
    // the whole reviewed week, Monday to Sunday
    `${weekMonday(r.week_start)}~${addDays(weekMonday(r.week_start), 6)}`,
    r.reasons,
    r.notice_date,
    r.deadline,
    r.status === 'open' && r.days_left !== null ? `${r.label}（剩 ${r.days_left} 天）` : r.label,
    r.attempts.map((a) => `${a.time} ${a.score}分`).join('；'),
    r.repeat ? '是' : '',
  ]);
}
