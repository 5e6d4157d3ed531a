import { describe, it, expect } from 'vitest';
import { answerConfirm, askConfirm, useConfirm } from './confirm';

const question = { title: 'Replace?', message: 'Sure?', confirm: 'Yes', cancel: 'No' };

describe('askConfirm', () => {
  it('waits for the answer and clears the question', async () => {
    const asked = askConfirm(question);
    expect(useConfirm.getState().pending?.title).toBe('Replace?');
    answerConfirm(true);
    await expect(asked).resolves.toBe(true);
    expect(useConfirm.getState().pending).toBeNull();
  });

  it('treats a question replaced before its answer as declined', async () => {
    const first = askConfirm(question);
    const second = askConfirm({ ...question, title: 'Other' });
    await expect(first).resolves.toBe(false);
    answerConfirm(false);
    await expect(second).resolves.toBe(false);
  });
});
