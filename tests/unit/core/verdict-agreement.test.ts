/**
 * Issue 20, Build 1: over random reducer sequences, the window's banner, the tray (icon, menu
 * line, tooltip) and the CLI never disagree on paused / not paused / not confirmed, and none
 * says "paused" unless the AppState itself holds the evidence (read here independently of the
 * verdict: the server's status, or its OK where the status cannot show pauses).
 */
import { describe, expect, it } from 'vitest';
import { knownOf } from '../../../src-main/core/control-state';
import type { AppState } from '../../../src-main/core/ipc-contract';
import { verdictFor } from '../../../src-main/core/verdict';
import { formatStatus } from '../../../src-main/cli/format-status';
import { buildTrayMenu } from '../../../src-main/desktop/tray-menu-model';
import { tooltipFor, trayIconFor } from '../../../src-main/desktop/tray-icon';
import { forEveryRandomState } from '../../support/random-events';

type Said = 'paused' | 'not-paused' | 'not-confirmed' | 'silent';

/** What a piece of text tells the agent about the pause. */
function said(text: string): Said {
  if (/pause not confirmed/i.test(text)) return 'not-confirmed';
  if (/not paused/i.test(text)) return 'not-paused';
  if (/\bpaused\b/i.test(text)) return 'paused';
  return 'silent';
}

/** The pause's evidence, read from the state without the verdict. */
function evidencedOn(state: AppState): boolean {
  const known = knownOf(state.controls.blackout);
  if (known.value !== 'on') return false;
  const statusShowsPauses = state.capabilities.canReportStatus && state.capabilities.statusShowsPauses !== null;
  return known.evidence === 'status' || (known.evidence === 'answer' && !statusShowsPauses);
}

describe('one verdict everywhere', () => {
  it('banner, tray and CLI agree on the pause, and say paused only on evidence', () => {
    forEveryRandomState((state, at) => {
      const verdict = verdictFor(state, at);
      const banner = `${verdict.headline} ${verdict.instruction}`;
      const menuLine = buildTrayMenu(state, { now: at, startAtLogin: true, hotkeys: {} })[0];
      const cliLine = formatStatus(state, true, at).split('\n')[0];
      const tooltip = tooltipFor(state, verdict);
      const views = { banner: said(banner), menu: said(menuLine.type === 'separator' ? '' : menuLine.label), cli: said(cliLine) };
      expect(new Set(Object.values(views)).size, JSON.stringify({ views, banner, cliLine })).toBe(1);
      expect(tooltip).toContain(` · ${verdict.sentence}`);
      if (views.banner === 'paused') expect(evidencedOn(state)).toBe(true);
      if (trayIconFor(verdict).startsWith('paused')) expect(evidencedOn(state)).toBe(true);
      // A pause on with evidence is always said (after a hang-up, the banner says when it ends instead).
      if (state.controls.blackout.kind === 'on' && evidencedOn(state) && !state.pause.current?.noCallSince) expect(views.banner).toBe('paused');
      if (verdict.pause === 'unconfirmed') expect(views.banner).toBe('not-confirmed');
    });
  });
});
