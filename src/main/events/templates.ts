import * as XLSX from 'xlsx';
import type { ExportFile } from '../../shared/api';
import { EVENT_LAYOUTS, templateHeaders } from '../import/layouts/events';
import { UserError } from '../errors';

const EXAMPLES: Record<string, string[][]> = {
  events_messages: [
    [
      '抖音',
      '星河旗舰店',
      'S0001',
      '星河旗舰店:阿青',
      'buyer_001',
      '买家',
      '2026-10-05 10:00:00',
      '',
      '',
      '在吗',
    ],
    [
      '抖音',
      '星河旗舰店',
      'S0001',
      '星河旗舰店:阿青',
      'buyer_001',
      '客服',
      '2026-10-05 10:01:20',
      '否',
      '',
      '您好，在的',
    ],
  ],
  events_ratings: [
    [
      '快手',
      '快乐小店',
      '快乐小店:小美',
      'S0001',
      'buyer_001',
      '2026-10-05 10:05:00',
      '2026-10-05 10:30:00',
      '一般',
      '回复慢；服务态度差',
      '商户邀请评价',
      '人工',
      '否',
      'R0001',
    ],
  ],
  events_orders: [
    [
      '淘宝',
      '云裳女装旗舰店',
      '202610050001',
      'buyer_001',
      '2026-10-05 10:20:00',
      '2026-10-05 10:21:00',
      '199.00',
      '云裳女装旗舰店:小雨',
    ],
  ],
  events_exams: [
    [
      '抖音',
      '星河旗舰店',
      '星河旗舰店:阿青',
      '2026-10-12~2026-10-18',
      '消极服务：回复敷衍',
      '',
      '',
      '2026-10-21 15:00',
      '100',
    ],
  ],
};

/** The downloadable template of an event kind: the header row and one example row (imports.md §3). */
export function eventTemplate(kind: string): ExportFile {
  const layout = EVENT_LAYOUTS.find((l) => l.kind === kind);
  if (!layout) throw new UserError(`没有“${kind}”模板`);
  const wb = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet([templateHeaders(layout), ...(EXAMPLES[layout.id] ?? [])]);
  sheet['!cols'] = templateHeaders(layout).map((h) => ({ wch: Math.max(12, h.length * 2 + 4) }));
  XLSX.utils.book_append_sheet(wb, sheet, layout.zh.replace(/（模板）$/, ''));
  const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return { name: `ScoreDesk模板_${layout.zh.replace(/（模板）$/, '')}.xlsx`, bytes: new Uint8Array(bytes) };
}
