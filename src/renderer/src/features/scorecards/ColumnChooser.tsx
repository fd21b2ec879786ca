/** 列设置: which metric columns the 客服 table shows; the choice is kept on this computer (localStorage). */
import type { ReactNode } from 'react';
import { Button, Checkbox, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { METRICS, type MetricId } from '../../../../shared/metrics';

export function ColumnChooser({
  available,
  hidden,
  onChange,
}: {
  /** the metric columns that have data this month, in table order */
  available: readonly MetricId[];
  hidden: readonly string[];
  onChange: (hidden: string[]) => void;
}): ReactNode {
  const shownCount = available.filter((id) => !hidden.includes(id)).length;
  // columns without data this month keep their saved state: they come back hidden or shown as the lead left them
  const others = hidden.filter((id) => !(available as readonly string[]).includes(id));
  const content = (
    <div className="sd-col-chooser" data-testid="column-chooser">
      <Checkbox.Group
        value={available.filter((id) => !hidden.includes(id))}
        onChange={(checked) =>
          onChange([...others, ...available.filter((id) => !(checked as string[]).includes(id))])
        }
        options={available.map((id) => ({ value: id, label: METRICS[id].zh }))}
      />
      <div className="sd-col-chooser-foot">
        <a onClick={() => onChange(others)}>全部显示</a>
        <span className="sd-muted">排名、客服与得分列始终显示</span>
      </div>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title="显示哪些指标列" content={content}>
      <Button icon={<SettingOutlined />} data-testid="column-chooser-open">
        列设置{shownCount < available.length ? ` ${shownCount}/${available.length}` : ''}
      </Button>
    </Popover>
  );
}
