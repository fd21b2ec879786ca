/**
 * The hand-entry dialog: an antd Modal around a Form that validates, runs the save, shows the save's error in the
 * dialog (in Chinese, as the back end wrote it), keeps the OK button busy meanwhile and ignores a second click, and
 * submits on Enter in any field (the hidden button of SubmitOnEnter) unless `enterSubmits` is off. Closing on success
 * is the caller's: `onSubmit` calls its onSaved and returns null, or returns the error to show.
 *
 * Mount it keyed per open (useModalTarget) for a fresh form on each open; the error is cleared on each open anyway.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps, type ModalProps } from 'antd';
import { SubmitOnEnter } from './SubmitOnEnter';

export interface FormModalProps<V> extends Omit<
  ModalProps,
  'onOk' | 'confirmLoading' | 'children' | 'destroyOnHidden' | 'okButtonProps'
> {
  form: FormInstance<V>;
  /** the Form's name (field ids are `${name}_${field}`) */
  name: string;
  /** the validated values to the save: null when done (the caller closes), or the error to show */
  onSubmit: (values: V) => Promise<string | null>;
  /** data-testid of the OK button and of the error */
  okTestId?: string;
  errorTestId?: string;
  okButtonProps?: ModalProps['okButtonProps'];
  /**
   * Enter in a field submits (default); false where Enter belongs to a field (a tags select, an autocomplete); a
   * function: Enter submits when it says so (e.g. not while a select's list is open)
   */
  enterSubmits?: boolean | (() => boolean);
  /** above the error (what the dialog is about) */
  intro?: ReactNode;
  /** below the form (what the values will do) */
  after?: ReactNode;
  /** Form props other than form, name, onFinish and onKeyDown (layout defaults to vertical) */
  formProps?: Omit<FormProps<V>, 'form' | 'name' | 'onFinish' | 'onKeyDown'>;
  /** the Form's items */
  children: ReactNode;
}

export function FormModal<V>({
  form,
  name,
  onSubmit,
  okTestId,
  errorTestId,
  okButtonProps,
  enterSubmits = true,
  intro,
  after,
  formProps,
  children,
  ...modal
}: FormModalProps<V>): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const submit = async (): Promise<void> => {
    if (running.current) return;
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      setError(await onSubmit(values));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <Modal
      okText="保存"
      cancelText="取消"
      {...modal}
      confirmLoading={busy}
      onOk={() => void submit()}
      afterOpenChange={(o) => {
        // an error belongs to the last try: a dialog opened again starts clean
        if (o) setError(null);
        modal.afterOpenChange?.(o);
      }}
      destroyOnHidden
      okButtonProps={{ ...okButtonProps, ...(okTestId ? { 'data-testid': okTestId } : {}) }}
    >
      {intro}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={errorTestId} />
      )}
      <Form<V>
        layout="vertical"
        {...formProps}
        form={form}
        name={name}
        onFinish={enterSubmits === true ? () => void submit() : undefined}
        onKeyDown={
          typeof enterSubmits === 'function'
            ? (e) => {
                if (e.key !== 'Enter' || e.nativeEvent.isComposing || !enterSubmits()) return;
                e.preventDefault();
                void submit();
              }
            : undefined
        }
      >
        {children}
        {enterSubmits === true && <SubmitOnEnter />}
      </Form>
      {after}
    </Modal>
  );
}
