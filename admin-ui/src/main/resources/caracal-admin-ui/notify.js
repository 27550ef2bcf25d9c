// The page's one error banner (role="alert"): what failed, in the server's words, until the next page or a dismissal.

import {h, replace} from './dom.js';

export function showError(message) {
  const banner = document.getElementById('error');
  replace(banner, h('span', {'data-test': 'error-message'}, message),
    h('button', {type: 'button', class: 'quiet', 'aria-label': 'Dismiss the message', onclick: clearError}, '×'));
  banner.hidden = false;
}

export function clearError() {
  const banner = document.getElementById('error');
  banner.hidden = true;
  banner.replaceChildren();
}

/** Runs `action`, showing its failure in the banner; returns its result or undefined. */
export async function attempt(action) {
  try {
    return await action();
  } catch (failure) {
    showError(failure.message);
    return undefined;
  }
}
