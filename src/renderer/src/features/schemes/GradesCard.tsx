/** 等级与奖金: grade bands by final score, and the bonus per grade. */
import { type ReactNode } from 'react';
import { Button, Card, Input, Table, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { newKey, type Draft, type DraftGrade } from './scheme-draft';
import { keyedRows, NumberBox, deleteColumn } from './editor-parts';
import type { DraftUpdate } from './SchemeEditor';

export function GradesCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  const grades = keyedRows<DraftGrade>((fn) => update((d) => ({ ...d, grades: fn(d.grades) })));
  const columns: TableColumnsType<DraftGrade> = [
    {
      title: '等级',
      key: 'grade',
      width: 90,
      render: (_, g) => (
        <Input
          size="small"
          value={g.grade}
          onChange={(e) => grades.patch(g.key, { grade: e.target.value })}
        />
      ),
    },
    {
      title: '最低分',
      key: 'min',
      width: 110,
      render: (_, g) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          max={100}
          value={g.min}
          suffix="分"
          onChange={(v) => grades.patch(g.key, { min: v })}
          data-testid={`grade-min-${g.grade}`}
        />
      ),
    },
    {
      title: (
        <Tooltip title="奖金 = 基数 × 系数 × 出勤天数 ÷ 当月天数 + 提成比例 × 客服销售额">
          奖金系数 <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'coefficient',
      width: 110,
      render: (_, g) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          step={0.1}
          value={g.coefficient}
          prefix="×"
          onChange={(v) => grades.patch(g.key, { coefficient: v })}
        />
      ),
    },
    deleteColumn('删除等级', grades.remove, draft.grades.length <= 1),
  ];
  return (
    <Card size="small" className="sd-kpi-card" title="等级与奖金" style={{ height: '100%' }}>
      <div className="sd-grades-layout">
        <div className="sd-grades-table">
          <Table<DraftGrade>
            size="small"
            rowKey="key"
            pagination={false}
            columns={columns}
            dataSource={draft.grades}
          />
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => grades.append({ key: newKey(), grade: '', min: 0, coefficient: 0 })}
          >
            添加等级
          </Button>
          <span className="sd-muted" style={{ marginLeft: 8, fontSize: 12 }}>
            按最低分从高到低排列，最后一级为 0 分
          </span>
        </div>
        <div className="sd-bonus">
          <label>
            <span>奖金基数</span>
            <NumberBox
              style={{ width: 120 }}
              min={0}
              step={100}
              value={draft.bonus_base}
              suffix="元"
              onChange={(v) => update((d) => ({ ...d, bonus_base: v }))}
            />
          </label>
          <label>
            <Tooltip title="按客服销售额计提">
              <span>
                提成比例 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <NumberBox
              style={{ width: 100 }}
              min={0}
              step={0.5}
              value={
                draft.commission_rate === null ? null : Number((draft.commission_rate * 100).toPrecision(12))
              }
              suffix="%"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  commission_rate: v !== null ? Number((v / 100).toPrecision(12)) : null,
                }))
              }
            />
          </label>
          <label>
            <Tooltip title="出勤天数（有任何接待数据的天数）少于此数的客服照常计分，但不参与排名">
              <span>
                参与排名最少出勤 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <NumberBox
              style={{ width: 96 }}
              min={0}
              max={31}
              precision={0}
              value={draft.min_working_days}
              suffix="天"
              onChange={(v) => update((d) => ({ ...d, min_working_days: v }))}
            />
          </label>
          <div className="sd-bonus-formula">
            奖金 = 基数 × 等级系数 × 出勤天数 ÷ 当月天数 + 提成比例 × 客服销售额（薪资版绩效表中列出）
          </div>
        </div>
      </div>
    </Card>
  );
}
