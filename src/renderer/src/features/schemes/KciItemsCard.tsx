/** KCI 项: the items the lead scores by hand each month. */
import { type ReactNode } from 'react';
import { Button, Card, Input, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { newKey, type Draft, type DraftKci } from './scheme-draft';
import { keyedRows, NumberBox, deleteColumn, WeightSum } from './editor-parts';
import type { DraftUpdate } from './SchemeEditor';

export function KciItemsCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  const kci = keyedRows<DraftKci>((fn) => update((d) => ({ ...d, kci_items: fn(d.kci_items) })));
  const columns: TableColumnsType<DraftKci> = [
    {
      title: '名称',
      key: 'name',
      render: (_, k) => (
        <Input
          size="small"
          value={k.name}
          placeholder="如 出勤、质检"
          onChange={(e) => kci.patch(k.key, { name: e.target.value })}
        />
      ),
    },
    {
      title: '权重',
      key: 'weight',
      width: 90,
      render: (_, k) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          max={100}
          value={k.weight}
          onChange={(v) => kci.patch(k.key, { weight: v })}
        />
      ),
    },
    {
      title: '满分',
      key: 'max',
      width: 90,
      render: (_, k) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          value={k.max}
          onChange={(v) => kci.patch(k.key, { max: v })}
        />
      ),
    },
    deleteColumn('删除 KCI 项', kci.remove),
  ];
  return (
    <Card
      size="small"
      className="sd-kpi-card"
      title="KCI 项"
      extra={
        draft.kci_items.length > 0 && (
          <WeightSum values={draft.kci_items.map((k) => k.weight)} testId="kci-weight-sum" />
        )
      }
      style={{ height: '100%' }}
    >
      <div className="sd-muted sd-card-note">主管评分，在“KCI 录入”中按月填写</div>
      <Table<DraftKci>
        size="small"
        rowKey="key"
        pagination={false}
        columns={columns}
        dataSource={draft.kci_items}
        locale={{ emptyText: '没有 KCI 项：KCI 得分按 100 计' }}
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => kci.append({ key: newKey(), name: '', weight: null, max: 100 })}
      >
        添加 KCI 项
      </Button>
    </Card>
  );
}
