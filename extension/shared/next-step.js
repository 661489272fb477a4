/* What to do next when the extension is not paired, in words for the extension's own pages
 * (the toolbar popup and the options page): the exact command, and where to press. The
 * panel on x.com has its own, shorter messages (constants.js). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const CLI = '.venv/bin/backchannel';

  /** { summary, steps: [text…] } for a failed status reply ({ state, message, detail }); `onOptions` when shown on the options page itself. */
  function nextStep(reply, { onOptions = false } = {}) {
    const detail = String(reply?.detail || '');
    const byHand = onOptions ? '“Pair by hand” below' : 'the options page\'s “Pair by hand”';
    switch (reply?.state) {
      case 'helper-down':
        return {
          summary: 'The helper is not running.',
          steps: ['In a terminal, in the backchannel-coach folder, run `make run` and leave it running.', 'Then press “Pair again”.'],
        };
      case 'unauthorized':
        return {
          summary: 'The helper no longer accepts the token this browser has (it was changed).',
          steps: ['Press “Pair again”.', `If you paired by hand, paste the token \`${CLI} token\` prints in ${byHand}.`],
        };
      case 'not-paired':
        if (/forbidden|not allowed/i.test(detail)) {
          return {
            summary: 'The native host is installed, but for another copy of this extension.',
            steps: [`In a terminal, in the backchannel-coach folder, run \`${CLI} native-host install\`.`, 'Then press “Pair again”.'],
          };
        }
        return {
          summary: 'This browser cannot find the Backchannel native host, which tells it where the helper is.',
          steps: [
            'In a terminal, in the backchannel-coach folder, run `make run`: it starts the helper and installs the host for the browsers it finds. Then press “Pair again”.',
            `Started this browser with its own profile (--user-data-dir=DIR)? Install the host into it: \`${CLI} native-host install --browser chromium --profile DIR\`, then press “Pair again”.`,
            `A Flatpak or Snap browser cannot start the host: use ${byHand}, with the address \`make run\` printed and the token from \`${CLI} token\`.`,
          ],
        };
      default:
        return { summary: reply?.message || 'The helper could not be reached.', steps: ['Press “Pair again”; if that fails, check the terminal running `make run`.'] };
    }
  }

  /** A step's text with its `commands` as <code> elements, built with DOM APIs (never HTML). */
  function stepNode(text) {
    const item = document.createElement('li');
    String(text).split('`').forEach((part, index) => {
      if (index % 2 === 1) {
        const code = document.createElement('code');
        code.textContent = part;
        item.append(code);
      } else if (part) {
        item.append(part);
      }
    });
    return item;
  }

  ns.nextStep = nextStep;
  ns.stepNode = stepNode;
})();
