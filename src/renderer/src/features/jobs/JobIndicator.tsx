/**
 * The running job in the app header (issue 8): 正在重新计算 2026-10（3/5） with 取消, whichever screen is open. A
 * recalculation comes first when several jobs run; the others are counted beside it.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, Tag, Tooltip } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import type { JobInfo, JobKind } from '../../../../shared/api';
import { useRunningJobs } from './use-jobs';

const CANCELLED: Record<JobKind, string> = {
  recalc: '已取消重新计算：尚未算完的月份仍显示上次的结果，下次修改数据或定时重算时补上',
  import: '已取消导入：正在导入的文件未写入',
  watch: '已取消监视文件夹导入：下次扫描时再导入',
  sheet: '已取消生成月度绩效表',
  demo: '已取消载入演示数据',
  merge: '已取消合并店铺：没有做任何改动',
  kci: '已取消导入 KCI：没有写入任何分数',
};

export function jobText(job: JobInfo): string {
  return job.total > 0 ? `${job.label}（${job.done}/${job.total}）` : `${job.label}…`;
}

export function JobIndicator(): ReactNode {
  const { jobs, cancel } = useRunningJobs();
  const { message } = App.useApp();
  const [asked, setAsked] = useState<string | null>(null);
  if (jobs.length === 0) return null;
  const job = jobs.find((j) => j.kind === 'recalc') ?? jobs[0]!;
  const others = jobs.filter((j) => j.jobId !== job.jobId);
  const onCancel = async (): Promise<void> => {
    setAsked(job.jobId);
    const error = await cancel(job.jobId);
    setAsked(null);
    if (error) void message.error(error);
    else void message.info(CANCELLED[job.kind]);
  };
  return (
    <span className="sd-job" data-testid="job-indicator" role="status">
      <LoadingOutlined spin style={{ color: '#1f5fd1' }} />
      <Tooltip
        title={job.file && !job.label.includes(job.file) ? `${jobText(job)} · ${job.file}` : jobText(job)}
      >
        <span className="sd-job-label" data-testid="job-label">
          {jobText(job)}
        </span>
      </Tooltip>
      {others.length > 0 && (
        <Tooltip title={others.map(jobText).join('；')}>
          <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
            另有 {others.length} 项
          </Tag>
        </Tooltip>
      )}
      <Button
        size="small"
        type="link"
        data-testid="job-cancel"
        loading={asked === job.jobId}
        onClick={() => void onCancel()}
        style={{ paddingInline: 4 }}
      >
        取消
      </Button>
    </span>
  );
}
