import { useState, type ReactNode } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import type { Input as ApiInput } from '../../../../shared/api';
import { useApiCall } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';

type TemplateKind = ApiInput<'import:template'>['kind'];

/** The event-level templates (imports.md §3): what each is for and its columns, in the file's order. */
const TEMPLATES: { kind: TemplateKind; zh: string; use: string; columns: string }[] = [
  {
    kind: 'messages',
    zh: '聊天记录',
    use: '逐条计算 3 分钟回复率、响应时长',
    columns: '平台、店铺、会话ID、客服账号、买家、发送方、消息时间、自动回复、接入时间、消息内容',
  },
  {
    kind: 'ratings',
    zh: '评价明细',
    use: '好评率、服务态度差中差评率',
    columns:
      '平台、店铺、客服账号、会话ID、买家、邀评时间、评价时间、评价等级、不满意原因、评价渠道、服务类型、是否剔除、评价ID',
  },
  {
    kind: 'orders',
    zh: '订单',
    use: '询单转化率、客服销售额、售后3日一次解决率',
    columns: '平台、店铺、订单号、买家、下单时间、支付时间、实付金额、归属客服账号',
  },
  {
    kind: 'exams',
    zh: '考试预警',
    use: '抖音消极服务考试预警',
    columns: '平台、店铺、客服账号、预警周期、预警原因、通知日期、考试截止、考试时间、考试成绩',
  },
];

/** 下载模板: the event-level templates with what each is for and its columns. */
export function TemplateMenu(): ReactNode {
  const template = useApiCall('import:template');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async (kind: TemplateKind): Promise<void> => {
    setBusy(true);
    const r = await template({ kind });
    setBusy(false);
    if (!r.ok) {
      message.error(`下载模板失败：${r.error.message}`);
      return;
    }
    saveBytes(r.data.name, r.data.bytes);
    message.success(`已下载 ${r.data.name}`);
  };
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        className: 'sd-template-menu',
        onClick: ({ key }) => void download(key as TemplateKind),
        items: [
          {
            key: 'head',
            type: 'group',
            label: '明细数据模板：表头和一行示例，按模板整理后拖进来即可导入',
            children: TEMPLATES.map((t) => ({
              key: t.kind,
              label: (
                <div className="sd-template-item" data-testid={`template-${t.kind}`}>
                  <div>
                    <b>{t.zh}</b>
                    <span className="sd-muted" style={{ marginLeft: 8 }}>
                      {t.use}
                    </span>
                  </div>
                  <div className="sd-template-cols">{t.columns}</div>
                </div>
              ),
            })),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="template-menu">
        下载模板 <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
