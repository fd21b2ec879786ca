/**
 * 月份锁定: a signed-off month keeps its numbers (the sheet and the scores come from the lock's snapshot); data that
 * arrives later waits as pending changes until the month is unlocked. Locking is refused while KCI is missing.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Tag } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { MonthLockInfo } from '../../../../shared/api';
import type { Month } from '../../../../shared/domain';
import { useApiMutation } from '../../data/use-api-mutation';
import { hrefOf } from '../../app/router';

export function MonthLockPanel({
  month,
  info,
  onChanged,
}: {
  month: Month;
  info: MonthLockInfo | null;
  onChanged: (info: MonthLockInfo) => void;
}): ReactNode {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const lock = useApiMutation('month:lock');
  const unlock = useApiMutation('month:unlock');
  const [refusal, setRefusal] = useState<{ month: Month; text: string } | null>(null);

  const act = async (action: 'month:lock' | 'month:unlock'): Promise<void> => {
    setBusy(true);
    const r = await (action === 'month:lock' ? lock : unlock)({ month, note: note.trim() || null });
    setBusy(false);
    if (!r.ok) {
      setRefusal({ month, text: r.error.message });
      return;
    }
    setRefusal(null);
    setNote('');
    message.success(action === 'month:lock' ? `${month} 已锁定` : `${month} 已解锁，锁定期间的变更已应用`);
    onChanged(r.data);
  };

  const locked = info?.locked ?? false;
  const pending = info?.pending_changes ?? 0;
  const shownRefusal = refusal && refusal.month === month ? refusal.text : null;
  const missingKci = shownRefusal?.includes('KCI') ?? false;

  return (
    <Card size="small" className="sd-kpi-card" title="月份锁定" data-testid="lock-panel">
      <div className="sd-lock">
        <div className="sd-lock-status">
          <div className="sd-lock-status-line" data-testid="lock-status">
            {locked ? (
              <>
                <LockOutlined style={{ color: '#1f5fd1' }} />
                <span>已锁定</span>
                <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
                  于 {info?.locked_at}
                </span>
              </>
            ) : (
              <>
                <UnlockOutlined style={{ color: '#98a2b3' }} />
                <span>未锁定</span>
              </>
            )}
          </div>
          <div className="sd-lock-sub">
            {locked
              ? info?.note
                ? `备注：${info.note}`
                : '得分和绩效表固定为锁定时的结果'
              : '客户签字确认后锁定：本月得分和绩效表固定，之后导入的数据等解锁时再应用'}
          </div>
          {locked && (
            <div style={{ marginTop: 6 }}>
              {pending > 0 ? (
                <Tag color="warning" data-testid="lock-pending">
                  待应用的变更 {pending} 个账号
                </Tag>
              ) : (
                <Tag data-testid="lock-pending">没有待应用的变更</Tag>
              )}
            </div>
          )}
        </div>
        <div className="sd-lock-actions">
          <Input
            size="small"
            placeholder={locked ? '解锁原因（可选）' : '备注（可选），如：客户已签字'}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            style={{ maxWidth: 260 }}
            data-testid="lock-note"
          />
          {locked ? (
            <Popconfirm
              title={`解锁 ${month}？`}
              description={
                pending > 0
                  ? `锁定后导入的数据涉及 ${pending} 个账号，解锁时会应用这些变更，本月得分和绩效表可能改变。`
                  : '解锁后本月将按最新数据重新计算，得分和绩效表可能改变。'
              }
              okText="解锁"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => void act('month:unlock')}
            >
              <Button size="small" icon={<UnlockOutlined />} loading={busy} data-testid="unlock-month">
                解锁
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={`锁定 ${month}？`}
              description="锁定后本月得分和绩效表固定为当前结果；之后导入的数据要解锁后才会应用。"
              okText="锁定"
              cancelText="取消"
              onConfirm={() => void act('month:lock')}
            >
              <Button
                size="small"
                type="primary"
                icon={<LockOutlined />}
                loading={busy}
                disabled={!info}
                data-testid="lock-month"
              >
                锁定本月
              </Button>
            </Popconfirm>
          )}
        </div>
        {info && info.log.length > 0 && (
          <ul className="sd-lock-log" data-testid="lock-log">
            {[...info.log].reverse().map((l, i) => (
              <li key={i}>
                {l.at} · {l.action === 'lock' ? '锁定' : '解锁'}
                {l.note ? ` · ${l.note}` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      {shownRefusal && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          style={{ marginTop: 12 }}
          title="不能锁定"
          description={
            <span data-testid="lock-refusal">
              {shownRefusal}
              {missingKci && (
                <>
                  {' '}
                  <a href={`${hrefOf('schemes')}?tab=kci`}>去录入 KCI</a>
                </>
              )}
            </span>
          }
        />
      )}
    </Card>
  );
}
