import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApiCall } from '../data/use-api-mutation';
import { saveBytes } from './save-bytes';

/** Downloads an import template (`import:template`): the columns ScoreDesk reads, with an example row. */
export function TemplateButton({
  kind,
  label,
  primary,
  testId,
}: {
  kind: 'ratings' | 'exams';
  label: string;
  primary?: boolean;
  testId?: string;
}): ReactNode {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const template = useApiCall('import:template');
  const download = async (): Promise<void> => {
    setBusy(true);
    const r = await template({ kind });
    setBusy(false);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    saveBytes(r.data.name, r.data.bytes);
    message.success(`已下载 ${r.data.name}`);
  };
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => void download()}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
