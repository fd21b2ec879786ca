import type { ReactNode } from 'react';
import type { ScorecardModel } from '../../../../shared/agent-page';

/** The scorecard on the page: the same content as the PNG (scorecard-canvas.ts) and what is printed. */
export function ScorecardCard({ model }: { model: ScorecardModel }): ReactNode {
  return (
    <div className="sd-scorecard" data-testid="agent-card">
      <div className="sd-scorecard-head">
        <div style={{ minWidth: 0 }}>
          <div className="sd-scorecard-name">{model.title}</div>
          <div className="sd-scorecard-sub">{model.subtitle}</div>
        </div>
        <div className="sd-scorecard-month">{model.month}</div>
      </div>
      <div className="sd-scorecard-score">
        <div>
          <div className="sd-scorecard-label">综合得分</div>
          <div className="sd-scorecard-final" data-testid="card-final">
            {model.final}
            {model.grade && <span className="sd-scorecard-grade">{model.grade}</span>}
          </div>
        </div>
        <div style={{ textAlign: 'right' }}>
          <div className="sd-scorecard-label">团队名次</div>
          <div className="sd-scorecard-rank" data-testid="card-rank">
            {model.rank}
          </div>
          {model.scheme && <div className="sd-scorecard-label">{model.scheme}</div>}
        </div>
      </div>
      <div className="sd-scorecard-metrics">
        {model.metrics.map((m) => (
          <div key={m.label} className="sd-scorecard-metric">
            <div style={{ minWidth: 0 }}>
              <div>{m.label}</div>
              {m.threshold && <div className="sd-scorecard-label">考核线 {m.threshold}</div>}
            </div>
            <div className={m.pass === false ? 'sd-agent-fail' : m.pass ? 'sd-agent-pass' : undefined}>
              <b>{m.value}</b> {m.pass === false ? '未达标' : m.pass ? '达标' : ''}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
