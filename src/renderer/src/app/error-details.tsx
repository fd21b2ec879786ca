/**
 * Errors shown to the lead offer 复制错误详情 (message + detail + time): `getApi` reports each failed result here and
 * the one mounted <ErrorDetails /> shows it with the copy button. The pages keep their own short messages; this adds
 * what a lead pastes into a message to support.
 */
import { useEffect, type ReactNode } from 'react';
import { App, Button } from 'antd';
import type { AppError } from '../../../shared/api';

type Listener = (method: string, error: AppError) => void;
let listener: Listener | null = null;

/** The text 复制错误详情 copies; the time is the machine's local clock as the lead saw it. */
export function errorDetailsText(method: string, error: AppError, at: Date = new Date()): string {
  return [
    `时间：${at.toLocaleString('zh-CN', { hour12: false })}`,
    `操作：${method}`,
    `错误：${error.message}`,
    error.code ? `代码：${error.code}` : null,
    error.detail ? `详情：\n${error.detail}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}

/**
 * Refusals of the lead's own input (a folder, a value, a cancelled job) are shown once, by the page that asked; the
 * copyable notice is for what a lead cannot fix alone: internal and database errors, and anything that carries a
 * technical detail.
 */
export function needsDetails(error: AppError): boolean {
  if (['user_error', 'invalid_input', 'invalid_scheme', 'cancelled'].includes(error.code ?? '')) return false;
  return true;
}

export function reportApiError(method: string, error: AppError): void {
  if (needsDetails(error)) listener?.(method, error);
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ErrorDetails(): ReactNode {
  const { notification, message } = App.useApp();
  useEffect(() => {
    listener = (method, error) => {
      const text = errorDetailsText(method, error);
      notification.error({
        key: `${method}|${error.message}`,
        title: '操作失败',
        description: error.message,
        placement: 'bottomRight',
        duration: 8,
        actions: (
          <Button
            size="small"
            data-testid="copy-error-details"
            onClick={() =>
              void copy(text).then((ok) =>
                ok ? message.success('已复制错误详情') : message.error('无法访问剪贴板，请手动选择文字复制'),
              )
            }
          >
            复制错误详情
          </Button>
        ),
      });
    };
    return () => {
      listener = null;
    };
  }, [notification, message]);
  return null;
}
