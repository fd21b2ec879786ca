import type { ReactNode } from 'react';
import { Select, Tag, Tooltip } from 'antd';
import { SlidersOutlined } from '@ant-design/icons';
import type { SchemeStats } from '../../../../shared/report-pages';
import type { Scheme } from '../../../../shared/kpi/scheme';
import { gradeColor, platformZh } from '../../ui/format';
import { hrefOf } from '../../app/router';

/** The 考核方案 picker above the 客服 table, with what the scheme covers and how the team did on it. */
export function SchemeBar({
  schemes,
  value,
  onChange,
  scheme,
  stats,
}: {
  schemes: string[];
  value: string;
  onChange: (name: string) => void;
  scheme: Scheme | null;
  /** over every agent scored on the scheme (report:agents), not the page on screen */
  stats: SchemeStats | null;
}): ReactNode {
  const ranked = stats?.ranked ?? 0;
  const unranked = stats?.unranked ?? 0;
  const grades = new Map(stats?.grades ?? []);
  const order = scheme?.grades.map((g) => g.grade) ?? [...grades.keys()].sort();
  const missing = stats?.kci_missing ?? 0;
  const scope = scheme
    ? [
        ...(scheme.scope.client ? [`客户：${scheme.scope.client}`] : []),
        ...scheme.scope.shops.map((s) => `${platformZh(s.platform)}·${s.shop}`),
      ].join('、') || '全部店铺'
    : null;

  return (
    <div className="sd-scheme-bar" data-testid="kpi-scheme-bar">
      <span className="sd-scheme-label">
        <SlidersOutlined /> 考核方案
      </span>
      <Select
        value={value}
        onChange={onChange}
        options={schemes.map((s) => ({ value: s, label: s }))}
        style={{ width: 200 }}
        popupMatchSelectWidth={false}
        data-testid="kpi-scheme"
      />
      {scheme && (
        <Tooltip title={scope}>
          <span className="sd-scheme-meta sd-ellipsis" style={{ maxWidth: 260 }}>
            范围：{scope}
          </span>
        </Tooltip>
      )}
      {scheme && (
        <span className="sd-scheme-meta">
          KPI {scheme.kpi_share}% + KCI {scheme.kci_share}%
        </span>
      )}
      <span className="sd-scheme-meta">
        参与排名 <b>{ranked}</b> 人{unranked > 0 ? `，不参与 ${unranked} 人` : ''}
      </span>
      {grades.size > 0 && (
        <span className="sd-scheme-meta sd-scheme-grades">
          {order
            .filter((g) => grades.has(g))
            .map((g) => (
              <Tag key={g} color={gradeColor(g)} className="sd-mini-tag">
                {g} {grades.get(g)}
              </Tag>
            ))}
        </span>
      )}
      {missing > 0 && (
        <a href={`${hrefOf('schemes')}?tab=kci`} className="sd-scheme-meta">
          <Tag color="warning" className="sd-mini-tag" style={{ cursor: 'pointer' }}>
            {missing} 人 KCI 未录入
          </Tag>
        </a>
      )}
      <a href={hrefOf('schemes')} className="sd-scheme-edit">
        查看方案
      </a>
    </div>
  );
}
