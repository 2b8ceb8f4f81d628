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
  // large one stops its driver. A size that cannot be known in advance (a stream) is refused too. A body is read
  // once and what was measured is what is sent: a getter, a toString or a subclass cannot show one size and send
  // another. Types are told by the browser's own brand checks, which hold for objects of any frame.
  const utf8 = (text) => {
    const value = String(text);
    if (value.length > limit) return value.length; // at least one byte a character: over already
    if (value.length * 3 <= limit) return value.length * 3; // at most three: under, without encoding
    return apply(byteLength, apply(encode, encoder, [value]).buffer, []);
  };
  const is = (getter, value) => {
    try {
      apply(getter, value, []);
      return true;
    } catch (e) {
      return false;
    }
  };
  const streamLocked = ReadableStreamType ? Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked").get : null;
  const isStream = (body) => Boolean(streamLocked) && typeof body === "object" && body !== null && is(streamLocked, body);
  const documentUrl = Object.getOwnPropertyDescriptor(Document.prototype, "URL").get;
  const serializer = new XMLSerializer();
  const serialize = XMLSerializer.prototype.serializeToString;
  const entriesNext = Object.getPrototypeOf(new FormData().entries()).next;
  const formAppend = FormData.prototype.append;
  const fileName = Object.getOwnPropertyDescriptor(File.prototype, "name").get;
  // [what is sent, its size in bytes]: a copy wherever the page could still change the original.
  const frozen = (body) => {
    if (body === undefined || body === null) return [body, 0];
    if (typeof body === "string") return [body, utf8(body)];
    if (typeof body !== "object" && typeof body !== "function") return frozen(String(body));
    if (is(blobSize, body)) return [body, apply(blobSize, body, [])]; // a Blob cannot change
    if (isView(body) || is(byteLength, body)) {
      const copy = new NativeBlob([body]); // the bytes as the browser reads them, whatever a subclass claims
      return [copy, apply(blobSize, copy, [])];
    }
    if (is(paramsToString, body)) {
      const text = apply(paramsToString, body, []);
      return [new NativeParams(text), utf8(text)];
    }
    if (is(entries, body)) {
      const copy = new NativeFormData();
      let total = 0;
      for (let it = apply(entries, body, []), step = apply(entriesNext, it, []); !step.done; step = apply(entriesNext, it, [])) {
        const name = step.value[0], value = step.value[1];
        const file = is(blobSize, value);
        total += utf8(name) + 128 + (file ? apply(blobSize, value, []) + utf8(apply(fileName, value, [])) : utf8(value));
        apply(formAppend, copy, [name, value]);
      }
      return [copy, total];
    }
    if (isStream(body)) return [body, Infinity];
    if (is(documentUrl, body)) return [body, utf8(apply(serialize, serializer, [body]))]; // serialized as it is sent
    return frozen(String(body));
  };
  const tooLarge = (method, address, size) => {
    report("TooLarge", absolute(address), method + " " + (size === Infinity ? "stream" : size));
    return refusal("request body over " + limit + " bytes is refused before it leaves the page", "NetworkError");
  };

  const nativeFetch = window.fetch;
  seal(window, "fetch", async function (input, given) {
    // The request is built once, by the browser, from what the page gave: its body is then measured and sent as is.
    const init = given === undefined || given === null ? given : { ...given };
    if (init && isStream(init.body)) {
      throw new TypeError(tooLarge(String(init.method || "POST").toUpperCase(), input, Infinity).message);
    }
    const request = new NativeRequest(input, init);
    const size = apply(blobSize, await apply(requestBlob, apply(cloneRequest, request, []), []), []);
    if (size > limit) throw new TypeError(tooLarge(apply(requestMethod, request, []), apply(requestUrl, request, []), size).message);
    return apply(nativeFetch, this, [request]);
  });
  if (typeof window.fetchLater === "function") {
    const nativeLater = window.fetchLater;
    seal(window, "fetchLater", function (input, given) {
      const init = given === undefined || given === null ? given : { ...given };
      const [body, size] = frozen(init && init.body);
      if (size > limit) throw tooLarge(String((init && init.method) || "POST").toUpperCase(), input, size);
      return apply(nativeLater, this, [input, init && { ...init, body }]);
    });
  }
  const xhrOpen = XMLHttpRequest.prototype.open;
  const xhrSend = XMLHttpRequest.prototype.send;
  const opened = new WeakMap();
  seal(XMLHttpRequest.prototype, "open", function (method, address, ...rest) {
    opened.set(this, [String(method).toUpperCase(), address]);
    return apply(xhrOpen, this, [method, address, ...rest]);
  });
  seal(XMLHttpRequest.prototype, "send", function (given) {
    const [body, size] = frozen(given);
    if (size > limit) {
      const [method, address] = opened.get(this) || ["POST", location.href];
      throw tooLarge(method, address, size);
    }
    return apply(xhrSend, this, [body]);
  });
  const beacon = Navigator.prototype.sendBeacon;
  seal(Navigator.prototype, "sendBeacon", function (address, given) {
    const [data, size] = frozen(given);
    if (size > limit) {
      tooLarge("POST", address, size);
      return false;
    }
    return apply(beacon, this, [address, data]);
  });
  // Forms: submitted by a button or the Enter key (the submit event, caught first at the window and in every shadow
  // root a script attaches; a click on a submit button in any shadow root, declared ones too) or by script
  // (form.submit(), form.requestSubmit()). Methods and addresses are read with the browser's own getters.
  const formMethod = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "method").get;
  const formAction = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "action").get;
  const ownForm = [HTMLButtonElement, HTMLInputElement].map((type) => ({
    form: Object.getOwnPropertyDescriptor(type.prototype, "form").get,
    type: Object.getOwnPropertyDescriptor(type.prototype, "type").get,
    method: Object.getOwnPropertyDescriptor(type.prototype, "formMethod").get,
    action: Object.getOwnPropertyDescriptor(type.prototype, "formAction").get,
  }));
  const submitterOf = (element) => {
    for (const kind of ownForm) {
      const type = is(kind.type, element) ? apply(kind.type, element, []) : "";
      if (type === "submit" || type === "image") return kind;
    }
    return null;
  };
  const formSubmit = HTMLFormElement.prototype.submit;
  const formRequestSubmit = HTMLFormElement.prototype.requestSubmit;
  const formTooLarge = (form, submitter) => {
    const kind = submitter ? submitterOf(submitter) : null;
    const method = kind && apply(kind.method, submitter, []) ? apply(kind.method, submitter, []) : apply(formMethod, form, []);
    if (String(method).toLowerCase() !== "post") return false;
    let data;
    try {
      data = new NativeFormData(form, submitter || undefined);
    } catch (e) {
      data = new NativeFormData(form);
    }
    const size = frozen(data)[1];
    if (size <= limit) return false;
    tooLarge("POST", (kind && apply(kind.action, submitter, [])) || apply(formAction, form, []), size);
    return true;
  };
  const preventDefault = Event.prototype.preventDefault;
  const stopNow = Event.prototype.stopImmediatePropagation;
  const composedPath = Event.prototype.composedPath;
  const listen = EventTarget.prototype.addEventListener;
  const stop = (event) => {
    apply(preventDefault, event, []);
    apply(stopNow, event, []);
  };
  const onSubmit = (event) => {
    if (formTooLarge(event.target, event.submitter)) stop(event);
  };
  apply(listen, window, ["submit", onSubmit, true]);
  const attachShadow = Element.prototype.attachShadow;
  seal(Element.prototype, "attachShadow", function (...options) {
    const root = apply(attachShadow, this, options);
    apply(listen, root, ["submit", onSubmit, true]); // a submit event does not leave its shadow root
    return root;
  });
  // A click reaches the window from any shadow root: the submit button it lands on (or inside) is looked at first.
  apply(listen, window, ["click", (event) => {
    const path = apply(composedPath, event, []);
    for (let i = 0; i < path.length; i++) {
      const kind = submitterOf(path[i]);
      const form = kind && apply(kind.form, path[i], []);
      if (kind) {
        if (form && formTooLarge(form, path[i])) stop(event);
        return;
      }
    }
  }, true]);
  seal(HTMLFormElement.prototype, "submit", function () {
    if (!formTooLarge(this, null)) apply(formSubmit, this, []);
  });
  seal(HTMLFormElement.prototype, "requestSubmit", function (submitter) {
    if (!formTooLarge(this, submitter || null)) apply(formRequestSubmit, this, submitter === undefined ? [] : [submitter]);
  });
})(__LIMIT__, __TAG__);
