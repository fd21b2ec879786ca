/** 登记考试结果: one attempt (time, score) for a warning; only 100 passes, retakes are unlimited (metrics.md §7). */
import type { ReactNode } from 'react';
import { Alert, App, DatePicker, Form, InputNumber, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { examWeekLabel } from '../../../../shared/charts-events';
import type { ExamRowView } from '../../../../shared/events-view';
import { useApiMutation } from '../../data/use-api-mutation';
import { FormModal } from '../../ui/FormModal';
import { Attempts } from './ExamBits';
import { attemptOutcome, chinaNow, PASS_SCORE } from './exam-utils';

interface AttemptForm {
  time?: Dayjs | null;
  score?: number | null;
}

export function AttemptModal({
  target,
  asOf,
  onClose,
  onSaved,
}: {
  target: ExamRowView | null;
  asOf: string;
  onClose: () => void;
  onSaved: (day: string) => void;
}): ReactNode {
  const save = useApiMutation('exams:attempt');
  const { message } = App.useApp();
  const [form] = Form.useForm<AttemptForm>();
  const time = Form.useWatch('time', form);
  const score = Form.useWatch('score', form);

  const day = time ? time.format('YYYY-MM-DD') : null;
  const alreadyPassed = target?.status === 'passed' || target?.status === 'passed_late';
  const outcome =
    target && day && typeof score === 'number' && !alreadyPassed
      ? attemptOutcome(day, score, target.deadline)
      : null;

  const submit = async (v: AttemptForm): Promise<string | null> => {
    if (!target || !v.time || typeof v.score !== 'number') return null;
    const text = v.time.format('YYYY-MM-DD HH:mm');
    const r = await save({ key: target.key, time: text, score: v.score });
    if (!r.ok) return r.error.message;
    const result = attemptOutcome(text.slice(0, 10), v.score, target.deadline);
    message.success(
      `已登记 ${text} 考试 ${v.score} 分：${
        v.score < PASS_SCORE
          ? '未通过，需要补考'
          : alreadyPassed
            ? '此前已通过'
            : result === 'passed'
              ? '通过'
              : '逾期后通过'
      }`,
    );
    onSaved(text.slice(0, 10));
    return null;
  };

  const who = target ? (target.agent ?? target.account) : '';
  return (
    <FormModal<AttemptForm>
      open={!!target}
      title={`登记考试结果 · ${who}`}
      okText="登记"
      form={form}
      name="attempt"
      onSubmit={submit}
      onCancel={onClose}
      width={540}
      okTestId="ex-attempt-save"
      errorTestId="ex-attempt-error"
      formProps={{ initialValues: { time: dayjs(chinaNow()), score: null } }}
      intro={
        <>
          {target && (
            <div className="sd-ex-schedule">
              <div>
                账号 <b>{target.account}</b> · 预警周 <b>{examWeekLabel(target.week_start)}</b>
              </div>
              <div>
                通知 <b>{target.notice_date}</b> · 考试截止 <b>{target.deadline} 23:59</b>
              </div>
              {target.attempts.length > 0 && (
                <div style={{ display: 'flex', gap: 8 }}>
                  <span>已有记录</span>
                  <Attempts r={target} />
                </div>
              )}
            </div>
          )}
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="考试满 100 分才算通过，未通过可以不限次数补考，每次成绩都登记一条。"
            description="截止日（含当天 23:59 前）考到 100 分为“已通过”，之后才考到 100 分为“逾期后通过”（仍计入逾期考试次数）。"
          />
        </>
      }
      after={
        <>
          {alreadyPassed && (
            <div className="sd-muted" style={{ marginTop: -8 }}>
              这条预警此前已考到 100 分（{target?.label}），再登记只会补充考试记录。
            </div>
          )}
          {outcome && (
            <div style={{ marginTop: -8 }} data-testid="ex-attempt-outcome">
              登记后：
              {outcome === 'passed' ? (
                <Tag color="success">已通过</Tag>
              ) : outcome === 'passed_late' ? (
                <Tag color="orange">逾期后通过</Tag>
              ) : (
                <Tag color="error">未通过，需要补考</Tag>
              )}
              {time && time.format('YYYY-MM-DD HH:mm') > chinaNow() && (
                <span style={{ fontSize: 12, color: '#b54708' }}>考试时间晚于现在，请核对。</span>
              )}
              {day && day > asOf && (
                <span className="sd-muted" style={{ fontSize: 12 }}>
                  考试日期晚于统计日期 {asOf}，登记后统计日期会调到 {day}
                </span>
              )}
            </div>
          )}
        </>
      }
    >
      <div style={{ display: 'flex', gap: 16 }}>
        <Form.Item
          name="time"
          label="考试时间（中国时间）"
          rules={[{ required: true, message: '请选择考试时间' }]}
          style={{ flex: 1 }}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="ex-attempt-time"
          />
        </Form.Item>
        <Form.Item
          name="score"
          label="成绩"
          rules={[{ required: true, message: '请输入成绩' }]}
          style={{ width: 150 }}
        >
          <InputNumber
            min={0}
            max={100}
            step={1}
            suffix="分"
            style={{ width: '100%' }}
            data-testid="ex-attempt-score"
          />
        </Form.Item>
      </div>
    </FormModal>
  );
}
