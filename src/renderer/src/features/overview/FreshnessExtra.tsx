/** The 数据新鲜度 card's header: provisional and to-re-import counts and the last recalculation. */
import { type ReactNode } from 'react';
import { Space, Tag, Tooltip } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import type { OverviewReport } from '../../../../shared/overview';
import type { ScheduleInfo } from '../../../../shared/api';
import { formatMinute } from '../../ui/format';
import { hrefOf } from '../../app/router';

export function FreshnessExtra({
  sc,
  schedule,
}: {
  sc: OverviewReport['status_counts'] | undefined;
  schedule: ScheduleInfo | null;
}): ReactNode {
  return (
    <Space size={12} wrap className="sd-fresh-extra">
      {sc && (
        <span data-testid="status-counts">
          <Tooltip title="导入得早于平台定稿（如评价 D+2）的指标值，之后还可能修订">
            <Tag color={sc.provisional > 0 ? 'warning' : 'default'} className="sd-mini-tag">
              暂定 {sc.provisional}
            </Tag>
          </Tooltip>
          <Tooltip title="已过定稿日期但没有重新导入：请重新下载这些天的数据并导入">
            <Tag color={sc.reimport_needed > 0 ? 'error' : 'default'} className="sd-mini-tag">
              需重新导入 {sc.reimport_needed}
            </Tag>
          </Tooltip>
          <span className="sd-muted" style={{ fontSize: 12 }}>
            最终 {sc.final}
          </span>
        </span>
      )}
      {schedule && (
        <Tooltip title={`每天 ${schedule.time} 自动重新计算；下次 ${formatMinute(schedule.next_run)}`}>
          <a
            href={`${hrefOf('settings')}?tab=data`}
            className="sd-muted"
            style={{ fontSize: 12 }}
            data-testid="last-recalc"
          >
            <SyncOutlined /> 上次重算 {schedule.last_run ? formatMinute(schedule.last_run) : '还没有运行'}
          </a>
        </Tooltip>
      )}
      <a href={hrefOf('import')}>去导入</a>
    </Space>
  );
}
