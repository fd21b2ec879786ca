import { describe, expect, it } from 'vitest';
import type { ExamRowView } from '../../../../shared/events-view';
import { EXAM_EXPORT_COLUMNS, examExportRows } from './exams-export';

describe('考试预警 export', () => {
  it('writes the whole week, the status with days left, and every attempt', () => {
    const r: ExamRowView = {
      key: 'k',
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:大壮',
      agent_id: null,
      agent: null,
      week_start: '2026-10-21', // a Wednesday: the week is still Monday to Sunday
      reasons: '消极服务：未解决买家问题',
      notice_date: '2026-10-27',
      deadline: '2026-11-03',
      status: 'open',
      label: '待考试',
      days_left: 3,
      attempts: [
        { time: '2026-10-28 10:00', score: 85 },
        { time: '2026-10-29 15:30', score: 90 },
      ],
      repeat: true,
    };
    expect(EXAM_EXPORT_COLUMNS).toHaveLength(examExportRows([r])[0]!.length);
    expect(examExportRows([r])[0]).toEqual([
      '未绑定',
      '星河旗舰店',
      '星河旗舰店:大壮',
      '2026-10-19~2026-10-25',
      '消极服务：未解决买家问题',
      '2026-10-27',
      '2026-11-03',
      '待考试（剩 3 天）',
      '2026-10-28 10:00 85分；2026-10-29 15:30 90分',
      '是',
    ]);
  });
});
