'use client';

import { useActionState } from 'react';
import { saveSettingsAction, type SettingsState } from '@/server/moderation/actions';
import type { Settings } from '@/server/moderation/settings';
import { FieldError, invalidProps } from '@/ui/field-error';
import { Notice } from '@/ui/notice';

export function SettingsForm({ settings }: { settings: Settings }) {
  const [state, formAction, pending] = useActionState<SettingsState, FormData>(saveSettingsAction, { status: 'idle' });
  const errors = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <form action={formAction} className="stacked-form admin-form" noValidate>
      {state.message && <Notice notice={{ kind: state.status === 'error' ? 'error' : 'success', text: state.message }} />}
      <label className="checkbox">
        <input type="checkbox" name="commentsOpenByDefault" defaultChecked={v ? v.commentsOpenByDefault === 'on' : settings.commentsOpenByDefault} />
        Allow people to comment on new posts
      </label>
      <fieldset>
        <legend>Before a comment appears</legend>
        {(
          [
            ['HOLD_ALL', 'Hold every comment for moderation'],
            ['PREVIOUSLY_APPROVED', 'Comment author must have a previously approved comment'],
            ['APPROVE_ALL', 'Approve every comment at once'],
          ] as const
        ).map(([value, label]) => (
          <label className="checkbox" key={value}>
            <input type="radio" name="approvalPolicy" value={value} defaultChecked={(v?.approvalPolicy ?? settings.approvalPolicy) === value} />
            {label}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="holdLinkCount">Hold a comment in the queue if it contains this many links or more (0: never)</label>
        <input
          id="holdLinkCount"
          name="holdLinkCount"
          type="number"
          min={0}
          defaultValue={v?.holdLinkCount ?? settings.holdLinkCount}
          {...invalidProps('holdLinkCount', errors.holdLinkCount)}
        />
        <FieldError id="holdLinkCount" messages={errors.holdLinkCount} />
      </div>
      <div>
        <label htmlFor="moderationWords">
          Comment moderation: hold a comment containing any of these words in its content, name, email, website or IP (one per line)
        </label>
        <textarea id="moderationWords" name="moderationWords" rows={5} defaultValue={v?.moderationWords ?? settings.moderationWords} />
      </div>
      <div>
        <label htmlFor="disallowedWords">Disallowed comment keys: send a comment containing any of these to spam (one per line)</label>
        <textarea id="disallowedWords" name="disallowedWords" rows={5} defaultValue={v?.disallowedWords ?? settings.disallowedWords} />
      </div>
      <div>
        <label htmlFor="closeAfterDays">Automatically close comments on posts older than this many days (empty: never)</label>
        <input
          id="closeAfterDays"
          name="closeAfterDays"
          type="number"
          min={1}
          defaultValue={v?.closeAfterDays ?? settings.closeAfterDays ?? ''}
          {...invalidProps('closeAfterDays', errors.closeAfterDays)}
        />
        <FieldError id="closeAfterDays" messages={errors.closeAfterDays} />
      </div>
      <div>
        <label htmlFor="purgeAfterDays">Delete spam and trash for good after this many days</label>
        <input
          id="purgeAfterDays"
          name="purgeAfterDays"
          type="number"
          min={1}
          defaultValue={v?.purgeAfterDays ?? settings.purgeAfterDays}
          {...invalidProps('purgeAfterDays', errors.purgeAfterDays)}
        />
        <FieldError id="purgeAfterDays" messages={errors.purgeAfterDays} />
      </div>
      <fieldset>
        <legend>Threads and pages</legend>
        <div>
          <label htmlFor="threadDepth">Nest replies this many levels deep (1: no replies)</label>
          <input
            id="threadDepth"
            name="threadDepth"
            type="number"
            min={1}
            max={10}
            defaultValue={v?.threadDepth ?? settings.threadDepth}
            {...invalidProps('threadDepth', errors.threadDepth)}
          />
          <FieldError id="threadDepth" messages={errors.threadDepth} />
        </div>
        {(
          [
            ['newest', 'An article opens on its newest comment page'],
            ['oldest', 'An article opens on its first comment page'],
          ] as const
        ).map(([value, label]) => (
          <label className="checkbox" key={value}>
            <input
              type="radio"
              name="newestPageFirst"
              value={value}
              defaultChecked={(v?.newestPageFirst ?? (settings.newestPageFirst ? 'newest' : 'oldest')) === value}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Spam and floods</legend>
        {(
          [
            ['minFillSeconds', 'Hold as spam a comment form sent back within this many seconds of being shown (0: off)'],
            ['floodIntervalSeconds', 'At most one comment per this many seconds from one address or email (0: off)'],
            ['floodMaxPerHour', 'At most this many comments per hour from one address (0: off)'],
          ] as const
        ).map(([name, label]) => (
          <div key={name}>
            <label htmlFor={name}>{label}</label>
            <input id={name} name={name} type="number" min={0} defaultValue={v?.[name] ?? settings[name]} {...invalidProps(name, errors[name])} />
            <FieldError id={name} messages={errors[name]} />
          </div>
        ))}
      </fieldset>
      <p>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save settings'}
        </button>
      </p>
    </form>
  );
}
