/** Status tag with countdown, attempt list and the notice/deadline cells of the 考试预警 screen. */
import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { daysBetween } from '../../../../shared/china-time';
import { weekdayZh } from '../../../../shared/charts-events';
import type { ExamRowView } from '../../../../shared/events-view';
import { PASS_SCORE, shortAttempt, shortDay } from './exam-utils';

export function StatusTag({ r, asOf }: { r: ExamRowView; asOf: string }): ReactNode {
  switch (r.status) {
    case 'open': {
      const left = r.days_left ?? 0;
      const urgent = left <= 2;
      return (
        <div className="sd-ex-status" data-testid="ex-status" data-status={r.status}>
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            {r.label}
          </Tag>
          <Tooltip title={`考试截止 ${r.deadline} 23:59，满 100 分才算通过`}>
            <span className={urgent ? 'sd-ex-left sd-ex-urgent' : 'sd-ex-left'} data-testid="ex-days-left">
              {left === 0 ? '今天截止' : `剩 ${left} 天`}
            </span>
          </Tooltip>
        </div>
      );
    }
    case 'passed':
      return (
        <div className="sd-ex-status" data-testid="ex-status" data-status={r.status}>
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {r.label}
          </Tag>
        </div>
      );
    case 'overdue': {
      const late = daysBetween(r.deadline, asOf);
      return (
        <div className="sd-ex-status" data-testid="ex-status" data-status={r.status}>
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {r.label}
          </Tag>
          <span className="sd-ex-left sd-ex-late">已逾期 {late} 天</span>
        </div>
      );
    }
    case 'passed_late': {
      const pass = r.attempts.find((a) => a.score >= PASS_SCORE);
      const late = pass ? daysBetween(r.deadline, pass.time.slice(0, 10)) : null;
      return (
        <div className="sd-ex-status" data-testid="ex-status" data-status={r.status}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {r.label}
          </Tag>
          {late !== null && late > 0 && <span className="sd-ex-left sd-ex-late-pass">晚 {late} 天</span>}
        </div>
      );
    }
  }
}

export function Attempts({ r }: { r: ExamRowView }): ReactNode {
  if (r.attempts.length === 0) return <span className="sd-muted">未考试</span>;
  return (
    <div className="sd-ex-attempts" data-testid="ex-attempts">
      {r.attempts.map((a, i) => (
        <div key={`${a.time}-${i}`} className="sd-ex-attempt">
          <span className="sd-ex-attempt-time">{shortAttempt(a.time)}</span>
          <span className={a.score >= PASS_SCORE ? 'sd-ex-score sd-ex-pass' : 'sd-ex-score sd-ex-fail'}>
            {a.score}分
          </span>
        </div>
      ))}
    </div>
  );
}

export function DayCell({
  day,
  asOf,
  weekday,
  title,
}: {
  day: string;
  asOf: string;
  weekday?: boolean;
  title?: string;
}): ReactNode {
  return (
    <Tooltip title={title ?? day}>
      <span className="sd-num" style={{ whiteSpace: 'nowrap' }}>
        {shortDay(day, asOf)}
        {weekday && <span className="sd-muted"> {weekdayZh(day)}</span>}
      </span>
    </Tooltip>
  );
}

export function RepeatTag(): ReactNode {
  return (
    <Tooltip title="重复预警：同一客服两次预警的周开始日相隔不超过 21 天">
      <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="ex-repeat">
        重复预警
      </Tag>
    </Tooltip>
  );
}
