/** The 删除 link of a table row, behind a confirmation that says what goes with it. */
import type { ReactNode } from 'react';
import { Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';

export function DeleteLink({
  title,
  children,
  action = '删除',
  width = 300,
  onConfirm,
}: {
  title: string;
  /** what the confirmation explains */
  children: ReactNode;
  /** the link's and the confirm button's text */
  action?: string;
  /** the explanation's max width */
  width?: number;
  onConfirm: () => void;
}): ReactNode {
  return (
    <Popconfirm
      title={title}
      description={<div style={{ maxWidth: width }}>{children}</div>}
      okText={action}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={onConfirm}
    >
      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
        {action}
      </Button>
    </Popconfirm>
  );
}
