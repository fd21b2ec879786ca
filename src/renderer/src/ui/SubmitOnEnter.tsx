/**
 * A form inside a Modal has its buttons in the modal footer, outside the <form>: without a submit button of its own
 * the browser does not submit on Enter (implicit submission needs one when there are several fields). This hidden one
 * makes Enter in any field run the form's onFinish, the same as the modal's OK button.
 */
import type { ReactNode } from 'react';

export function SubmitOnEnter(): ReactNode {
  return <button type="submit" hidden tabIndex={-1} aria-hidden />;
}
