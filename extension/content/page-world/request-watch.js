/* Runs in the page's own world (manifest "world": "MAIN", at document_start, before X's
 * code keeps its own reference to fetch): content scripts cannot see the page's network
 * calls, and the extension needs one of them — the answer X's server gives when a post is
 * sent. Which URLs is not decided here: the content script names them (the site adapter
 * knows X's endpoints) with a 'backchannel:watch-requests' event whose detail is a
 * pattern for the URL path. For a matching call it posts, to this window only, the request
 * body and then the response status and body, under one channel name. Every other call
 * passes through untouched, and nothing is read from it. */
(() => {
  'use strict';
  const CHANNEL = 'backchannel:request-watch:v1';
  const MAX_BODY = 256 * 1024;
  let pattern = null;
  let seq = 0;

  document.addEventListener('backchannel:watch-requests', (event) => {
    if (typeof event.detail !== 'string' || event.detail.length > 500) return;
    try {
      pattern = new RegExp(event.detail);
    } catch {
      pattern = null;
    }
  });

  function watched(url) {
    if (!pattern) return false;
    try {
      return pattern.test(new URL(url, location.href).pathname);
    } catch {
      return false;
    }
  }

  const say = (message) => window.postMessage({ channel: CHANNEL, ...message }, location.origin);
  const cap = (text) => (typeof text === 'string' ? text.slice(0, MAX_BODY) : null);

  const originalFetch = window.fetch;
  window.fetch = function fetch(input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (!watched(url)) return originalFetch.apply(this, arguments);
    const id = ++seq;
    const body = init && 'body' in init ? init.body : null;
    if (typeof body === 'string' || !(input instanceof Request)) say({ kind: 'request', id, url, body: cap(typeof body === 'string' ? body : null) });
    else input.clone().text().then((text) => say({ kind: 'request', id, url, body: cap(text) }), () => say({ kind: 'request', id, url, body: null }));
    const answer = originalFetch.apply(this, arguments);
    answer.then(
      (response) => response.clone().text().then(
        (text) => say({ kind: 'response', id, status: response.status, body: cap(text) }),
        () => say({ kind: 'response', id, status: response.status, body: null }),
      ),
      (error) => say({ kind: 'response', id, status: 0, body: null, error: String(error?.message || error) }),
    );
    return answer;
  };

  const XHR = XMLHttpRequest.prototype;
  const originalOpen = XHR.open;
  const originalSend = XHR.send;
  const watchedXhr = new WeakMap();
  XHR.open = function open(method, url) {
    if (watched(String(url))) watchedXhr.set(this, String(url));
    else watchedXhr.delete(this);
    return originalOpen.apply(this, arguments);
  };
  XHR.send = function send(body) {
    const url = watchedXhr.get(this);
    if (url !== undefined) {
      const id = ++seq;
      say({ kind: 'request', id, url, body: cap(typeof body === 'string' ? body : null) });
      this.addEventListener('loadend', () => {
        let text = null;
        try {
          if (this.responseType === '' || this.responseType === 'text') text = this.responseText;
          else if (this.responseType === 'json') text = JSON.stringify(this.response);
        } catch {
          text = null;
        }
        say({ kind: 'response', id, status: this.status, body: cap(text) });
      }, { once: true });
    }
    return originalSend.apply(this, arguments);
  };
})();
