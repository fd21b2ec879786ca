/**
 * The modals of 店铺与客户: add or edit a client, rename a shop, merge one shop into another. Enter submits each of them
 * (the hidden submit button of SubmitOnEnter); errors from the back end are shown in the modal, in Chinese.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Descriptions, Form, Input, Select, Skeleton } from 'antd';
import type { ClientInfo, ShopInfo, ShopMergeSummary } from '../../../../shared/clients';
import { FormModal } from '../../ui/FormModal';
import type { ClientsApi } from './use-clients';
import { PlatformTag } from '../../ui/PlatformTag';

// ---------------------------------------------------------------------------------------------------------- client

export function ClientModal({
  client,
  actions,
  onClose,
  onSaved,
}: {
  /** 'new', a client to edit, or null (closed) */
  client: ClientInfo | 'new' | null;
  actions: Pick<ClientsApi, 'saveClient'>;
  onClose: () => void;
  onSaved: (name: string) => void;
}): ReactNode {
  const [form] = Form.useForm<{ name: string; note?: string }>();
  const editing = client && client !== 'new' ? client : null;

  const submit = async (v: { name: string; note?: string }): Promise<string | null> => {
    const r = await actions.saveClient({
      ...(editing ? { id: editing.id } : {}),
      name: v.name.trim(),
      note: v.note?.trim() || null,
    });
    if (!r.ok) return r.error;
    onSaved(v.name.trim());
    return null;
  };

  return (
    <FormModal<{ name: string; note?: string }>
      open={client !== null}
      title={editing ? `编辑客户 · ${editing.name}` : '新增客户'}
      form={form}
      name="client"
      onSubmit={submit}
      onCancel={onClose}
      okTestId="client-save"
      errorTestId="client-error"
      formProps={{
        requiredMark: true,
        initialValues: { name: editing?.name ?? '', note: editing?.note ?? '' },
      }}
    >
      <Form.Item
        name="name"
        label="客户名称"
        rules={[{ required: true, whitespace: true, message: '请输入客户名称' }]}
        extra={
          editing && editing.schemes.length > 0 ? '改名后，按该客户设定范围的考核方案随之更新' : undefined
        }
      >
        <Input maxLength={100} placeholder="例如：星河集团" autoFocus data-testid="client-name" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={500} placeholder="例如：合同编号、对接人" data-testid="client-note" />
      </Form.Item>
    </FormModal>
  );
}

// ------------------------------------------------------------------------------------------------------------ rename

export function RenameShopModal({
  shop,
  actions,
  onClose,
  onRenamed,
}: {
  shop: ShopInfo | null;
  actions: Pick<ClientsApi, 'renameShop'>;
  onClose: () => void;
  onRenamed: (name: string) => void;
}): ReactNode {
  const [form] = Form.useForm<{ name: string }>();

  const submit = async (v: { name: string }): Promise<string | null> => {
    if (!shop) return null;
    const r = await actions.renameShop(shop.id, v.name.trim());
    if (!r.ok) return r.error;
    onRenamed(r.data.name);
    return null;
  };

  return (
    <FormModal<{ name: string }>
      open={shop !== null}
      title={shop ? `店铺改名 · ${shop.name}` : '店铺改名'}
      okText="改名"
      form={form}
      name="shop-rename"
      onSubmit={submit}
      onCancel={onClose}
      okTestId="shop-rename-save"
      errorTestId="shop-rename-error"
      formProps={{ initialValues: { name: shop?.name ?? '' } }}
    >
      <Form.Item
        name="name"
        label="新名称"
        rules={[{ required: true, whitespace: true, message: '请输入店铺名称' }]}
        extra="只改在本程序中显示的名称。原名称保留为别名：以后按原名称导入的数据仍进入这家店铺。"
      >
        <Input maxLength={200} autoFocus data-testid="shop-rename-input" />
      </Form.Item>
    </FormModal>
  );
}

// ------------------------------------------------------------------------------------------------------------- merge

/** The sentence the lead confirms: exactly what moves. */
function MergeFacts({ s }: { s: ShopMergeSummary }): ReactNode {
  return (
    <div data-testid="shop-merge-summary">
      <p style={{ marginTop: 0 }}>
        将把“<b>{s.from.name}</b>”的 <b data-testid="merge-accounts">{s.accounts} 个账号</b>、
        <b data-testid="merge-days">{s.days} 天数据</b>移到“<b>{s.into.name}</b>”，然后删除“{s.from.name}”。
      </p>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 150 } }}
        items={[
          {
            key: 'accounts',
            label: '账号',
            children:
              s.joined > 0
                ? `${s.accounts} 个，其中 ${s.joined} 个与“${s.into.name}”的同名账号合为一个`
                : `${s.accounts} 个`,
          },
          { key: 'rows', label: '平台导出数据', children: `${s.export_rows} 行` },
          { key: 'events', label: '明细记录', children: `${s.events} 条（聊天、评价、订单、考试预警）` },
          { key: 'months', label: '重新计算的月份', children: s.months.join('、') || '—' },
          {
            key: 'client',
            label: '合并后的客户',
            children: s.client ?? '未指定客户',
          },
        ]}
      />
      <ul className="sd-muted" style={{ margin: '10px 0 0', paddingLeft: 18, fontSize: 12 }}>
        <li>
          两家店铺都有的同一账号、同一天、同一指标（或同一条明细）只算一次：以较新导入的为准，与按同一名称导入相同。
        </li>
        <li>
          “{s.from.name}”保留为别名：以后按这个名称导入的数据直接进入“{s.into.name}”。
        </li>
        <li>合并不能撤销；撤销某个导入批次仍然可以。</li>
      </ul>
    </div>
  );
}

export function MergeShopModal({
  shop,
  shops,
  actions,
  onClose,
  onMerged,
}: {
  /** the shop that goes away */
  shop: ShopInfo | null;
  shops: ShopInfo[];
  actions: Pick<ClientsApi, 'mergePreview' | 'merge'>;
  onClose: () => void;
  onMerged: (s: ShopMergeSummary) => void;
}): ReactNode {
  const [form] = Form.useForm<{ into?: number }>();
  const into = Form.useWatch('into', form);
  const [preview, setPreview] = useState<{
    from: number;
    into: number;
    data: ShopMergeSummary | null;
    error: string | null;
  } | null>(null);
  const [choosing, setChoosing] = useState(false);
  const targets = shop ? shops.filter((s) => s.platform === shop.platform && s.id !== shop.id) : [];

  // the callback, not the whole actions object (a new object on every render of the panel)
  const { mergePreview } = actions;
  useEffect(() => {
    if (!shop || !into) return;
    let alive = true;
    void mergePreview(shop.id, into).then((r) => {
      if (alive)
        setPreview(
          r.ok
            ? { from: shop.id, into, data: r.data, error: null }
            : { from: shop.id, into, data: null, error: r.error },
        );
    });
    return () => {
      alive = false;
    };
  }, [mergePreview, shop, into]);

  // the answer for this pair only (a preview is never reset on open: its answer may arrive before the open animation
  // ends, and a reset then would leave the dialog waiting for an answer that already came)
  const current = preview && preview.into === into && preview.from === shop?.id ? preview : null;
  const ready = !!current?.data && current.data.locked.length === 0;

  const submit = async (): Promise<string | null> => {
    if (!shop || !into || !ready) return null;
    const r = await actions.merge(shop.id, into);
    if (!r.ok) return r.error;
    onMerged(r.data);
    return null;
  };

  return (
    <FormModal<{ into?: number }>
      open={shop !== null}
      width={620}
      title={shop ? `合并店铺 · ${shop.name}` : '合并店铺'}
      okText="确认合并"
      okButtonProps={{ danger: true, disabled: !ready }}
      okTestId="shop-merge-confirm"
      errorTestId="shop-merge-error"
      form={form}
      name="shop-merge"
      onSubmit={submit}
      onCancel={onClose}
      // Enter confirms once the numbers are shown; while the list is open, Enter picks a shop (the list's own key)
      enterSubmits={() => !choosing}
      intro={
        shop && (
          <div className="sd-muted" style={{ marginBottom: 12 }}>
            <PlatformTag platform={shop.platform} />
            同一家店在不同导出文件里写法不同时，把“{shop.name}
            ”并入正确的那家：账号、数据和考核方案中的店铺都随之合并。
          </div>
        )
      }
      after={
        <>
          {into && !current && <Skeleton active paragraph={{ rows: 3 }} title={false} />}
          {current?.error && <Alert type="error" showIcon title={current.error} />}
          {current?.data && (
            <>
              {current.data.locked.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="shop-merge-locked"
                  title={`${current.data.locked.join('、')} 已锁定，不能合并`}
                  description={`“${current.data.from.name}”在这些月份有数据，合并会改变已签字的数字。请先在“月度绩效表”中解锁。`}
                />
              )}
              <MergeFacts s={current.data} />
            </>
          )}
        </>
      }
    >
      <Form.Item name="into" label="合并到" style={{ marginBottom: 12 }}>
        <Select<number>
          placeholder={targets.length ? '选择同一平台的另一家店铺' : '这个平台没有其他店铺'}
          disabled={targets.length === 0}
          autoFocus
          showSearch={{ optionFilterProp: 'label' }}
          options={targets.map((s) => ({ value: s.id, label: s.name }))}
          onOpenChange={setChoosing}
          data-testid="shop-merge-into"
        />
      </Form.Item>
    </FormModal>
  );
}
