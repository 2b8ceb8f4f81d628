// The page's half of the network guard (mock_server/bridge.py): what no route sees is refused here and named.
// Runs in every frame before the page's own scripts. It keeps its own references to everything it uses, so a page
// that overwrites globals (console, Function.prototype.call, the guard's functions) cannot silence or undo it.
((limit, tag) => {
  const mark = Symbol.for("chsi.guard");
  if (window[mark]) return; // a second install (a context served twice) guards once
  Object.defineProperty(window, mark, { value: true });

  const { apply } = Reflect;
  const define = Object.defineProperty;
  const stringify = JSON.stringify;
  const debug = console.debug;
  const NativeURL = URL;
  const NativeBlob = Blob;
  const NativeRequest = Request;
  const NativeFormData = FormData;
  const NativeParams = URLSearchParams;
  const NativeDOMException = DOMException;
  const encoder = new TextEncoder();
  const encode = encoder.encode;
  const isView = ArrayBuffer.isView;
  const entries = FormData.prototype.entries;
  const paramsToString = URLSearchParams.prototype.toString;
  const blobSize = Object.getOwnPropertyDescriptor(Blob.prototype, "size").get;
  const byteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const cloneRequest = Request.prototype.clone;
  const requestBlob = Request.prototype.blob;
  const requestMethod = Object.getOwnPropertyDescriptor(Request.prototype, "method").get;
  const requestUrl = Object.getOwnPropertyDescriptor(Request.prototype, "url").get;
  const ReadableStreamType = typeof ReadableStream === "function" ? ReadableStream : null;

  // The report goes out through the console, which the harness listens to: a page cannot reach this reference.
  const report = (kind, address, detail) => {
    try {
      apply(debug, console, [tag + stringify({ kind, address: String(address), detail: detail || "" })]);
    } catch (e) {}
  };
  const absolute = (address) => {
    try {
      return new NativeURL(String(address), document.baseURI).href; // about:blank frames resolve like their parent
    } catch (e) {
      return String(address);
    }
  };
  const refusal = (message, name) => new NativeDOMException(message, name);
  // A replacement that page scripts can neither overwrite nor delete.
  const seal = (target, name, value) => {
    try {
      define(target, name, { value, writable: false, configurable: false, enumerable: false });
    } catch (e) {}
  };

  // WebRTC talks UDP to STUN/TURN servers and WebTransport runs over QUIC: no route sees either.
  const refuseWebRTC = function (config) {
    report("WebRTC", stringify((config && config.iceServers) || []));
    throw refusal("WebRTC is blocked: the mock keeps everything on this machine", "NotAllowedError");
  };
  for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection"]) if (name in window) seal(window, name, refuseWebRTC);
  if ("WebTransport" in window) {
    seal(window, "WebTransport", function (address) {
      report("WebTransport", absolute(address));
      throw refusal("WebTransport is blocked: the mock keeps everything on this machine", "NotAllowedError");
    });
  }

  // Workers run where no init script reaches: a WebSocket or WebTransport inside one, and everything a shared
  // worker fetches, would pass unseen. The site's pages use none, so none may start.
  for (const name of ["Worker", "SharedWorker"]) {
    if (!(name in window)) continue;
    seal(window, name, function (address) {
      report(name, absolute(address));
      throw refusal(name + " is blocked: the mock's pages use no workers", "SecurityError");
    });
  }
  if (window.ServiceWorkerContainer) {
    seal(ServiceWorkerContainer.prototype, "register", function (address) {
      report("ServiceWorker", absolute(address));
      return Promise.reject(refusal("service workers are blocked", "SecurityError"));
    });
  }

  // A popup's first document is about:blank and unrouted: an opener that scripts it waits forever. So no page
  // gets hold of a popup (noopener), and a popup with nothing to load is not opened at all.
  const open = window.open;
  seal(window, "open", function (address, target, features) {
    const href = address === undefined || address === null ? "" : String(address);
    if (!href.trim() || /^\s*(about:|javascript:)/i.test(href)) {
      report("Popup", href.trim() || "about:blank", location.href);
      return null;
    }
    const name = target === undefined ? "_blank" : String(target);
    const options = features === undefined || features === null ? "" : String(features);
    apply(open, this, [href, name, options ? options + ",noopener" : "noopener"]);
    return null;
  });

  // Speculation rules prefetch outside the routes; the rules are named as soon as they are inserted.
  const speculated = (script) => {
    let urls = [];
    try {
      const rules = JSON.parse(script.textContent || "{}");
      for (const key of ["prefetch", "prerender"]) {
        for (const rule of rules[key] || []) urls = urls.concat(rule.urls || [], rule.where ? ["document rules"] : []);
      }
    } catch (e) {}
    report("Speculation", urls.length ? urls.map(absolute).join(" ") : location.href);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName === "SCRIPT" && String(node.type).trim().toLowerCase() === "speculationrules") speculated(node);
      }
    }
  }).observe(document, { childList: true, subtree: true });

  // Bodies over the mock's limit never leave the page: Playwright would carry them whole to Python, and a very
  // large one stops its driver. A size that cannot be known in advance (a stream) is refused too.
  const utf8 = (text) => {
    const value = String(text);
    if (value.length > limit) return value.length; // at least one byte a character: over already
    if (value.length * 3 <= limit) return value.length * 3; // at most three: under, without encoding
    return apply(byteLength, apply(encode, encoder, [value]).buffer, []);
  };
  const sizeOf = (body) => {
    if (body === undefined || body === null) return 0;
    if (typeof body === "string") return utf8(body);
    if (body instanceof NativeBlob) return apply(blobSize, body, []);
    if (body instanceof ArrayBuffer) return apply(byteLength, body, []);
    if (isView(body)) return body.byteLength;
    if (body instanceof NativeParams) return utf8(apply(paramsToString, body, []));
    if (body instanceof NativeFormData) {
      let total = 0;
      for (const [name, value] of apply(entries, body, [])) {
        total += utf8(name) + 128 + (value instanceof NativeBlob ? apply(blobSize, value, []) + utf8(value.name || "") : utf8(value));
      }
      return total;
    }
    if (ReadableStreamType && body instanceof ReadableStreamType) return Infinity;
    if (body instanceof Document) return utf8(new XMLSerializer().serializeToString(body));
    return utf8(body);
  };
  const tooLarge = (method, address, size) => {
    report("TooLarge", absolute(address), method + " " + (size === Infinity ? "stream" : size));
    return refusal("request body over " + limit + " bytes is refused before it leaves the page", "NetworkError");
  };

  const nativeFetch = window.fetch;
  seal(window, "fetch", async function (input, given) {
    // Read once: a getter or Proxy could hand the size check one body and the native fetch another.
    const init = given === undefined || given === null ? given : { ...given };
    let method = (init && init.method) || "GET";
    let address = input;
    let size = sizeOf(init && init.body);
    if (input instanceof NativeRequest) {
      method = (init && init.method) || apply(requestMethod, input, []);
      address = apply(requestUrl, input, []);
      if (!(init && "body" in init)) size = apply(blobSize, await apply(requestBlob, apply(cloneRequest, input, []), []), []);
    }
    if (size > limit) throw new TypeError(tooLarge(String(method).toUpperCase(), address, size).message);
    return apply(nativeFetch, this, [input, init]);
  });
  if (typeof window.fetchLater === "function") {
    const nativeLater = window.fetchLater;
    seal(window, "fetchLater", function (input, init) {
      const size = sizeOf(init && init.body);
      if (size > limit) throw tooLarge(String((init && init.method) || "POST").toUpperCase(), input, size);
      return apply(nativeLater, this, [input, init]);
    });
  }
  const xhrOpen = XMLHttpRequest.prototype.open;
  const xhrSend = XMLHttpRequest.prototype.send;
  const opened = new WeakMap();
  seal(XMLHttpRequest.prototype, "open", function (method, address, ...rest) {
    opened.set(this, [String(method).toUpperCase(), address]);
    return apply(xhrOpen, this, [method, address, ...rest]);
  });
  seal(XMLHttpRequest.prototype, "send", function (body) {
    const size = sizeOf(body);
    if (size > limit) {
      const [method, address] = opened.get(this) || ["POST", location.href];
      throw tooLarge(method, address, size);
    }
    return apply(xhrSend, this, [body]);
  });
  const beacon = Navigator.prototype.sendBeacon;
  seal(Navigator.prototype, "sendBeacon", function (address, data) {
    const size = sizeOf(data);
    if (size > limit) {
      tooLarge("POST", address, size);
      return false;
    }
    return apply(beacon, this, [address, data]);
  });
  // Forms: submitted by a button (the submit event, caught first, at the window) or by script (form.submit()).
  const formMethod = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "method").get;
  const formAction = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "action").get;
  const formSubmit = HTMLFormElement.prototype.submit;
  const formTooLarge = (form, submitter) => {
    const method = submitter && submitter.formMethod ? submitter.formMethod : apply(formMethod, form, []);
    if (String(method).toLowerCase() !== "post") return false;
    let data;
    try {
      data = new NativeFormData(form, submitter || undefined);
    } catch (e) {
      data = new NativeFormData(form);
    }
    const size = sizeOf(data);
    if (size <= limit) return false;
    tooLarge("POST", (submitter && submitter.formAction) || apply(formAction, form, []), size);
    return true;
  };
  window.addEventListener(
    "submit",
    (event) => {
      if (formTooLarge(event.target, event.submitter)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
  seal(HTMLFormElement.prototype, "submit", function () {
    if (!formTooLarge(this, null)) apply(formSubmit, this, []);
  });
})(__LIMIT__, __TAG__);
