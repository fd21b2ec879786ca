import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** The title block every screen starts with; `extra` sits on the right (month picker, actions). */
export function PageHead({
  title,
  description,
  extra,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}): ReactNode {
  return (
    <div className="sd-page-head">
      <div style={{ minWidth: 0, flex: 1 }}>
        <Typography.Title level={4}>{title}</Typography.Title>
        {description && <div className="sd-page-desc">{description}</div>}
      </div>
      {extra && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>{extra}</div>
      )}
    </div>
  );
}
