// The strength estimate of a new case passphrase: zxcvbn-ts (Dropbox's zxcvbn, maintained in
// TypeScript) with the common and English dictionaries. Score 0–4; below MIN_SCORE the create
// dialog refuses unless the user ticks "I understand". The case file's KDF is PBKDF2 at 256,000
// iterations (SQLCipher 4): score 3 (about 10^8 guesses or more) is the least we accept without that tick.
import { type OptionsType, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_SCORE = 3;
export const MIN_LENGTH = 8;

const options: OptionsType = {
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
};
let factory: ZxcvbnFactory | null = null;

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** log10 of the estimated guesses. */
  guessesLog10: number;
  warning: string | null;
  suggestions: string[];
  strongEnough: boolean;
}

const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** `context` (the case name, the investigator's name) counts as guessable words. */
export function estimateStrength(passphrase: string, context: string[] = []): Strength {
  factory ??= new ZxcvbnFactory(options);
  const r = factory.check(passphrase, context.filter(Boolean));
  const score = (passphrase.length < MIN_LENGTH ? Math.min(r.score, 1) : r.score) as Strength['score'];
  return {
    score,
    label: labels[score],
    guessesLog10: r.guessesLog10,
    warning: r.feedback.warning ?? null,
    suggestions: r.feedback.suggestions,
    strongEnough: score >= MIN_SCORE,
  };
}

export interface NewPassphrase {
  passphrase: string;
  confirm: string;
  /** "I understand": the user accepts a passphrase below the minimum. */
  acceptWeak: boolean;
}

/** Field → problem for the create dialog; empty when the passphrase may be used. */
export function newPassphraseProblems(v: NewPassphrase, context: string[] = []): Record<string, string> {
  const problems: Record<string, string> = {};
  if (v.passphrase === '') problems.passphrase = 'Enter a passphrase.';
  else if (!estimateStrength(v.passphrase, context).strongEnough && !v.acceptWeak)
    problems.acceptWeak =
      'This passphrase is below the minimum strength: choose a stronger one, or tick "I understand".';
  if (v.confirm !== v.passphrase) problems.confirm = 'The two passphrases are not the same.';
  return problems;
}
