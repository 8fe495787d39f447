// Shows the question of confirmStore, if any.

import { Dialog } from './Dialog';
import { useConfirm } from './confirmStore';

export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  return (
    <Dialog open={Boolean(request)} onClose={() => answer(false)} title={request?.title ?? ''} testId="confirm">
      <p>{request?.message}</p>
      <div className="pw-button-row pw-button-row--end">
        <button type="button" className="pw-button" onClick={() => answer(false)} data-testid="confirm.cancel">
          {request?.cancel}
        </button>
        <button type="button" className="pw-button pw-button--primary" onClick={() => answer(true)} data-testid="confirm.ok">
          {request?.confirm}
        </button>
      </div>
    </Dialog>
  );
}
