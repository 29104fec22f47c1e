// Registers the service worker (src/sw.js) and links the web app manifest once the page has
// loaded, so neither competes with the first load, and says so politely when a newer version of
// the app is waiting (a deploy since this page was opened): the running page keeps its code until
// the visitor chooses Reload. Inlined into index.html by .ci/trunk-post-build.mjs in release
// builds only (debug builds and `trunk serve` register nothing and are not installable), and
// allowed by its hash in the policy.
// 'sw.js' and './' resolve against <base href>, so a sub-path build registers its own worker.
// Comments stay on lines of their own: the build drops comment lines, indentation, blank lines.
(function (w, d) {
  const sw = w.navigator.serviceWorker;
  if (!sw) return;
  w.addEventListener('load', () => {
    // The manifest, linked only now: Chromium fetches it and its 192 px icon (~10 KB) as soon as
    // it sees the link, which on a slow phone is bandwidth taken from the wasm. public/ lands at
    // <base>/public/; its start_url and scope are "../" (relative to it), the base itself.
    const manifest = d.createElement('link');
    manifest.rel = 'manifest';
    manifest.href = 'public/manifest.webmanifest';
    d.head.append(manifest);
    sw.register('sw.js', { scope: './' }).then((reg) => {
      const offer = () => {
        // Only an update: on a first visit no worker controls the page yet.
        if (!reg.waiting || !sw.controller || d.querySelector('.update-notice')) return;
        const box = d.createElement('div');
        box.className = 'update-notice';
        box.dataset.testid = 'update-notice';
        box.setAttribute('role', 'status');
        d.body.append(box);
        // Filled after the live region exists, so screen readers announce it.
        setTimeout(() => {
          box.innerHTML = '<span>A new version is available</span><button type="button" class="button">Reload</button>';
          box.lastChild.onclick = () => {
            if (!reg.waiting) return w.location.reload();
            sw.addEventListener('controllerchange', () => w.location.reload());
            reg.waiting.postMessage('skipWaiting');
          };
        }, 100);
      };
      const watch = (worker) => worker && worker.addEventListener('statechange', offer);
      offer();
      watch(reg.installing);
      reg.addEventListener('updatefound', () => watch(reg.installing));
    }, () => {});
  });
})(window, document);
