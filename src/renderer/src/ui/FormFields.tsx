/**
 * Pieces shared by the hand-entry forms (roster, rule versions, exam warnings): the 店铺 and 客服账号 fields fed by the
 * known shops and accounts, the filter of the plain AutoCompletes, and the rule that a 失效日期 is not before its 生效日期.
 */
import type { ReactNode } from 'react';
import { AutoComplete, Form, type AutoCompleteProps, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AccountInfo } from '../../../shared/settings';

/** AutoComplete filter for plain text options: the option contains what was typed. */
export function containsInput(input: string, option?: { value?: string | number | null }): boolean {
  return String(option?.value ?? '').includes(input);
}

/** A 失效日期 rule: an end date (optional) may not be before the date in `fromField` (optional too). */
export function notBefore(fromField: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, v: Dayjs | null | undefined) => {
      const from = getFieldValue(fromField) as Dayjs | null | undefined;
      return v && from && v.isBefore(from, 'day')
        ? Promise.reject(new Error('失效日期早于生效日期'))
        : Promise.resolve();
    },
  });
}

/** The shops of the known accounts, and the accounts offered for the typed shop (all of them for a new shop). */
export function shopsAndAccounts(
  known: readonly AccountInfo[],
  shop: string | undefined,
): { shops: string[]; accounts: AccountInfo[] } {
  const shops = [...new Set(known.map((a) => a.shop))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { shops, accounts: known.filter((a) => !shop || a.shop === shop || !shops.includes(shop)) };
}

/**
 * The 客服账号 field: pick a known account (its `note`, e.g. its owners, on the right) or type a new one. The other
 * props, and those a Form.Item injects, go to the AutoComplete.
 */
export function AccountAutoComplete({
  accounts,
  note,
  ...props
}: Omit<AutoCompleteProps, 'options' | 'filterOption'> & {
  accounts: readonly AccountInfo[];
  note: (a: AccountInfo) => ReactNode;
}): ReactNode {
  return (
    <AutoComplete
      {...props}
      options={accounts.map((a) => ({
        value: a.account,
        title: a.account,
        label: (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>{a.account}</span>
            <span className="sd-muted" style={{ fontSize: 12 }}>
              {note(a)}
            </span>
          </div>
        ),
      }))}
      filterOption={(input, o) =>
        String(o?.value ?? '')
          .toLowerCase()
          .includes(input.toLowerCase())
      }
    />
  );
}

/** The required 店铺 field (`shop`): pick a known shop or type a new one; it takes the rest of its row. */
export function ShopField({
  shops,
  placeholder,
  onChange,
  testId,
}: {
  shops: readonly string[];
  placeholder: string;
  /** e.g. clear the account when the shop changes */
  onChange?: () => void;
  testId?: string;
}): ReactNode {
  return (
    <Form.Item
      name="shop"
      label="店铺"
      rules={[{ required: true, whitespace: true, message: '请输入店铺' }]}
      style={{ flex: 1 }}
    >
      <AutoComplete
        options={shops.map((s) => ({ value: s }))}
        placeholder={placeholder}
        filterOption={containsInput}
        onChange={onChange}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** The required 客服账号 field (`account`): AccountAutoComplete with its explanation under it. */
export function AccountField({
  extra,
  ...props
}: Parameters<typeof AccountAutoComplete>[0] & { extra: ReactNode }): ReactNode {
  return (
    <Form.Item
      name="account"
      label="客服账号"
      rules={[{ required: true, whitespace: true, message: '请输入客服账号' }]}
      extra={extra}
    >
      <AccountAutoComplete {...props} />
    </Form.Item>
  );
}
