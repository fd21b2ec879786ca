/** 每日重新计算: the daily time of the scheduled recalculation, its next and last run, and 立即重算. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, TimePicker } from 'antd';
import { ClockCircleOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ScheduleInfo } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';
import { DASH, formatMinute } from '../../ui/format';

function timeValue(hhmm: string): Dayjs {
  const [h, m] = hhmm.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
}

export function SchedulePanel(): ReactNode {
  const { message } = App.useApp();
  const query = useApiQuery('schedule:info', {});
  const saveSchedule = useApiMutation('schedule:save');
  const runSchedule = useApiMutation('schedule:runNow');
  const info: ScheduleInfo | null = query.data;
  const error = query.error?.message ?? null;
  // the lead's edit; until they touch it, the stored time
  const [edited, setTime] = useState<Dayjs | null>(null);
  const time = edited ?? (info ? timeValue(info.time) : null);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState(false);

  const saveTime = async (): Promise<void> => {
    if (!time) return;
    setSaving(true);
    const r = await saveSchedule({ time: time.format('HH:mm') });
    setSaving(false);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    setTime(null);
    message.success(`已改为每天 ${r.data.time} 重新计算`);
  };

  const runNow = async (): Promise<void> => {
    setRunning(true);
    const r = await runSchedule({});
    setRunning(false);
    if (!r.ok) {
      message.error(`重算失败：${r.error.message}`);
      return;
    }
    message.success('已重新计算全部月份的数据');
  };

  const dirty = !!info && !!time && time.format('HH:mm') !== info.time;
  return (
    <Card
      size="small"
      title={
        <Space>
          <ClockCircleOutlined />
          定时重算
        </Space>
      }
      data-testid="schedule"
    >
      <div className="sd-muted sd-card-lead">
        平台数据会滞后修订（评价 D+2 才完整、售后一次解决率
        D+4）。每天定时重新计算一次：过了定稿日还没重新导入的日期会标为“需重新导入”，新的规则版本也会生效。错过的时间（电脑关机）会在下次打开时补算。
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title="读取重算计划失败"
          description={error}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="sd-inline-form">
        <span>每天</span>
        <TimePicker
          format="HH:mm"
          value={time}
          onChange={(v) => setTime(v)}
          allowClear={false}
          minuteStep={5}
          showNow={false}
          needConfirm={false}
          style={{ width: 110 }}
          data-testid="schedule-time"
        />
        <span>（中国时间）</span>
        <Button
          type="primary"
          disabled={!dirty}
          loading={saving}
          onClick={() => void saveTime()}
          data-testid="schedule-save"
        >
          保存
        </Button>
      </div>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        styles={{ label: { width: 96 } }}
        items={[
          {
            key: 'last',
            label: '上次重算',
            children: (
              <span className="sd-num" data-testid="schedule-last">
                {info ? (info.last_run ? formatMinute(info.last_run) : '还没有运行过') : DASH}
              </span>
            ),
          },
          {
            key: 'next',
            label: '下次重算',
            children: (
              <span className="sd-num" data-testid="schedule-next">
                {info ? formatMinute(info.next_run) : DASH}
              </span>
            ),
          },
        ]}
      />
      <Button
        icon={<SyncOutlined />}
        loading={running}
        onClick={() => void runNow()}
        style={{ marginTop: 12 }}
        data-testid="schedule-run"
      >
        立即重算
      </Button>
    </Card>
  );
}
