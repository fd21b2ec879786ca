/**
 * The demo month's event records (imports.md §3 templates): 星河旗舰店 chat records (so drill-down shows the waiting
 * round), 快乐小店 ratings (the 中差评 screen, with the 'rude' agent over 6%), 云裳女装旗舰店 orders, and Douyin exam
 * warnings (one passed, one passed late, one open or overdue, one repeat offender).
 */
import { addDays, daysInMonth, isoWeekday } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import { AGENTS, SHOPS, type ShopKey } from './cast';
import { rng } from './random';
import { utf8CsvBytes, xlsxBytes, type Rows } from './writers';

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (s: number): string =>
  `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;

function seats(shop: ShopKey): { account: string; trait: string | undefined }[] {
  return AGENTS.flatMap((a) =>
    a.seats
      .filter((s) => s.shop === shop)
      .map((s) => ({ account: `${SHOPS[shop].name}:${s.nick}`, trait: a.trait })),
  );
}

function messages(month: Month): Rows {
  const rows: Rows = [
    ['平台', '店铺', '会话ID', '客服账号', '买家', '发送方', '消息时间', '自动回复', '消息内容'],
  ];
  const shop = SHOPS.xinghe.name;
  for (let d = 1; d <= daysInMonth(month); d++) {
    const day = `${month}-${pad(d)}`;
    for (const seat of seats('xinghe')) {
      const r = rng(`msg|${seat.account}|${day}`);
      const n = r.int(8, 14);
      for (let k = 0; k < n; k++) {
        const sid = `${day.replace(/-/g, '')}-${seat.account.split(':')[1]}-${k}`;
        const buyer = `buyer_${r.int(10000, 99999)}`;
        let t = r.int(8 * 3600, 22 * 3600 + 50 * 60);
        rows.push([
          '抖音',
          shop,
          sid,
          seat.account,
          buyer,
          '买家',
          `${day} ${clock(t)}`,
          '',
          '在吗，这款还有货吗',
        ]);
        t += r.int(2, 6);
        rows.push([
          '抖音',
          shop,
          sid,
          seat.account,
          buyer,
          '客服',
          `${day} ${clock(t)}`,
          '是',
          '您好，欢迎光临星河旗舰店',
        ]);
        // most replies come within half a minute; the slow agent often leaves a buyer waiting past three minutes
        const slow = seat.trait === 'slow' ? 0.3 : 0.03;
        const rounds = r.int(1, 3);
        for (let round = 0; round < rounds; round++) {
          t += r.chance(slow) ? r.int(190, 420) : r.chance(0.07) ? r.int(31, 150) : r.int(5, 28);
          if (t >= 24 * 3600 - 120) break;
          rows.push([
            '抖音',
            shop,
            sid,
            seat.account,
            buyer,
            '客服',
            `${day} ${clock(t)}`,
            '否',
            ['有货的亲', '今天下单明天发', '可以的', '已为您备注'][round % 4]!,
          ]);
          if (r.chance(0.6)) {
            t += r.int(3, 20);
            rows.push([
              '抖音',
              shop,
              sid,
              seat.account,
              buyer,
              '客服',
              `${day} ${clock(t)}`,
              '否',
              ['这款是店里的爆款哦', '下单后48小时内发货', '还有什么可以帮您', '有问题随时找我'][round % 4]!,
            ]);
          }
          if (round === rounds - 1) break;
          t += r.int(20, 240);
          if (t >= 24 * 3600 - 120) break;
          rows.push([
            '抖音',
            shop,
            sid,
            seat.account,
            buyer,
            '买家',
            `${day} ${clock(t)}`,
            '',
            ['几天能到', '有优惠吗', '好的', '谢谢'][round % 4]!,
          ]);
        }
        t += r.int(10, 100);
        if (t < 24 * 3600 - 1)
          rows.push([
            '抖音',
            shop,
            sid,
            seat.account,
            buyer,
            '客服',
            `${day} ${clock(t)}`,
            '否',
            '不客气，祝您生活愉快',
          ]);
      }
    }
  }
  return rows;
}

function ratings(month: Month): Rows {
  const rows: Rows = [
    [
      '平台',
      '店铺',
      '客服账号',
      '会话ID',
      '买家',
      '邀评时间',
      '评价时间',
      '评价等级',
      '不满意原因',
      '评价渠道',
      '服务类型',
      '是否剔除',
      '评价ID',
    ],
  ];
  let id = 1;
  for (let d = 1; d <= daysInMonth(month); d++) {
    const day = `${month}-${pad(d)}`;
    for (const seat of seats('kuaile')) {
      const r = rng(`rate|${seat.account}|${day}`);
      for (let k = 0; k < r.int(1, 4); k++) {
        const sent = r.int(8 * 3600, 23 * 3600 + 30 * 60);
        const rude = seat.trait === 'rude';
        const x = r.next();
        const level = x < (rude ? 0.7 : 0.9) ? '满意' : x < (rude ? 0.85 : 0.96) ? '一般' : '失望';
        const reasons =
          level === '满意'
            ? ''
            : rude && r.chance(0.6)
              ? '服务态度差'
              : r.chance(0.03)
                ? '回复慢；服务态度差'
                : ['物流慢', '商品与描述不符', '回复慢'][r.int(0, 2)]!;
        const answered = Math.min(sent + r.int(60, 3 * 3600), 24 * 3600 - 1);
        rows.push([
          '快手',
          SHOPS.kuaile.name,
          seat.account,
          '',
          `ks_${r.int(100000, 999999)}`,
          `${day} ${clock(sent)}`,
          `${day} ${clock(answered)}`,
          level,
          reasons,
          ['商户邀请评价', '用户主动评价', '系统推送评价'][r.int(0, 2)]!,
          '人工',
          level === '失望' && r.chance(0.1) ? '是' : '否',
          `KS${month.replace('-', '')}${String(id++).padStart(5, '0')}`,
        ]);
      }
    }
  }
  return rows;
}

function orders(month: Month): Rows {
  const rows: Rows = [['平台', '店铺', '订单号', '买家', '下单时间', '支付时间', '实付金额', '归属客服账号']];
  let n = 1;
  for (let d = 1; d <= daysInMonth(month); d++) {
    const day = `${month}-${pad(d)}`;
    for (const seat of seats('yunshang')) {
      const r = rng(`order|${seat.account}|${day}`);
      for (let k = 0; k < r.int(3, 8); k++) {
        const t = r.int(9 * 3600, 23 * 3600);
        const paid = r.chance(0.85);
        rows.push([
          '淘宝',
          SHOPS.yunshang.name,
          `TB${month.replace('-', '')}${String(n++).padStart(6, '0')}`,
          `tb_${r.int(10000, 99999)}`,
          `${day} ${clock(t)}`,
          paid ? `${day} ${clock(Math.min(t + r.int(30, 900), 24 * 3600 - 1))}` : '',
          (r.int(15900, 25900) / 100).toFixed(2),
          seat.account,
        ]);
      }
    }
  }
  return rows;
}

function exams(month: Month): Rows {
  const douyin = [...seats('xinghe'), ...seats('yunduo')];
  const slow = douyin.find((s) => s.trait === 'slow') ?? douyin[0]!;
  const other = douyin.find((s) => s !== slow) ?? douyin[0]!;
  // the Mondays of the month's first three full weeks
  let monday = `${month}-01`;
  while (isoWeekday(monday) !== 0) monday = addDays(monday, 1);
  const week = (k: number): string => `${addDays(monday, 7 * k)}~${addDays(monday, 7 * k + 6)}`;
  const tue = (k: number): string => addDays(monday, 7 * k + 8);
  return [
    ['平台', '店铺', '客服账号', '预警周期', '预警原因', '通知日期', '考试截止', '考试时间', '考试成绩'],
    [
      '抖音',
      slow.account.split(':')[0]!,
      slow.account,
      week(0),
      '消极服务：多次超时未回复',
      '',
      '',
      `${addDays(tue(0), 2)} 10:00`,
      85,
    ],
    [
      '抖音',
      slow.account.split(':')[0]!,
      slow.account,
      week(0),
      '消极服务：多次超时未回复',
      '',
      '',
      `${addDays(tue(0), 9)} 15:30`,
      100,
    ],
    [
      '抖音',
      other.account.split(':')[0]!,
      other.account,
      week(1),
      '消极服务：回复敷衍',
      '',
      '',
      `${addDays(tue(1), 1)} 11:00`,
      100,
    ],
    ['抖音', slow.account.split(':')[0]!, slow.account, week(2), '消极服务：未解决买家问题', '', '', '', ''],
  ];
}

/** The event files of the demo month. */
export function demoEventFiles(month: Month): { name: string; folder: string; bytes: Uint8Array }[] {
  return [
    { name: `聊天记录_星河旗舰店_${month}.csv`, folder: '明细', bytes: utf8CsvBytes(messages(month)) },
    {
      name: `评价明细_快乐小店_${month}.xlsx`,
      folder: '明细',
      bytes: xlsxBytes([{ name: '评价明细', rows: ratings(month) }]),
    },
    {
      name: `订单_云裳女装旗舰店_${month}.xlsx`,
      folder: '明细',
      bytes: xlsxBytes([{ name: '订单', rows: orders(month) }]),
    },
    {
      name: `考试预警_抖音_${month}.xlsx`,
      folder: '明细',
      bytes: xlsxBytes([{ name: '考试预警', rows: exams(month) }]),
    },
  ];
}

/** KCI scores of the month (出勤, 质检 — the default scheme's KCI items), as a lead would type them into a sheet. */
export function demoKciFile(month: Month): { name: string; bytes: Uint8Array } {
  const rows: Rows = [['姓名', '月份', '出勤', '质检']];
  for (const a of AGENTS) {
    const r = rng(`kci|${a.name}|${month}`);
    rows.push([
      a.name,
      month,
      a.trait === 'new' ? r.int(80, 92) : r.int(92, 100),
      a.trait === 'rude' ? r.int(55, 70) : r.int(78, 98),
    ]);
  }
  return { name: `KCI_${month}.xlsx`, bytes: xlsxBytes([{ name: 'KCI', rows }]) };
}
