/** 扣分项: deductions per event (exam warnings, overdue exams, bad ratings). */
import { type ReactNode } from 'react';
import { Card, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { DEDUCTION_KINDS } from '../../../../shared/kpi/scheme';
import { DEDUCTION_ZH, type Draft } from './scheme-draft';
import { NumberBox } from './editor-parts';
import type { DraftUpdate } from './SchemeEditor';

export function DeductionsCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  return (
    <Card size="small" className="sd-kpi-card" title="扣分项" style={{ height: '100%' }}>
      <div className="sd-deductions">
        {DEDUCTION_KINDS.map((kind) => (
          <div key={kind} className="sd-deduction">
            <Tooltip title={DEDUCTION_ZH[kind].hint}>
              <span className="sd-deduction-label">
                {DEDUCTION_ZH[kind].label} <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <span className="sd-muted">{DEDUCTION_ZH[kind].per}扣</span>
            <NumberBox
              style={{ width: 96 }}
              min={0}
              value={draft.deductions[kind]}
              placeholder="不扣分"
              suffix="分"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  deductions: { ...d.deductions, [kind]: v },
                }))
              }
              data-testid={`deduction-${kind}`}
            />
          </div>
        ))}
      </div>
    </Card>
  );
}
