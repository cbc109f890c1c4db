// Pingyi's console, the one script it has (self-hosted, no CDN; the respondents' forms have none).
// 1. Opening a campaign: the ballot key pair (X25519) is made here, in the office's browser, with
//    WebCrypto. Only the public half goes into the form; the private half becomes a file the
//    office saves (and the one line it may print). The server never receives it.
// 2. Closing a campaign: the chosen key file is read here into the form's key field, and its
//    fingerprint line compared with the campaign's before anything is sent.
// 3. Forms that answer with a file (the links, the letters): the page reloads once the download
//    has started, so that the counts it shows are today's.
(function () {
  "use strict";

  function base64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }

  function fromBase64url(text) {
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) padded += "=";
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function hex(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  async function makeKey(box) {
    var campaign = box.getAttribute("data-campaign");
    var pair = await crypto.subtle.generateKey({ name: "X25519" }, true, ["deriveBits"]);
    var publicHalf = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    var privateHalf = fromBase64url((await crypto.subtle.exportKey("jwk", pair.privateKey)).d);
    var fingerprint = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", publicHalf)).slice(0, 8));
    var line = "pingyi-ballot-key-v1:" + base64(privateHalf);
    // The same text as `pingyi campaign open --key-out` writes (BallotOpeningKey.fileText).
    var text = "# 营商环境评议 · 活动 " + campaign + " 的计票私钥（结束活动、统计选票时必需）\n"
      + "# 请离线保存（U 盘或打印件），不要放在服务器或数据库中；丢失后本活动的选票无法统计。\n"
      + "# 公钥指纹 " + fingerprint + "（控制台的年度工作台和活动进度页显示同一指纹）\n"
      + line + "\n";
    document.getElementById("publicKey").value = base64(publicHalf);
    document.getElementById("fingerprint").textContent = fingerprint;
    document.getElementById("keyline").textContent = line;
    var link = document.getElementById("keyfile-link");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    var saved = document.getElementById("key-saved");
    var button = document.getElementById("confirm-button");
    link.addEventListener("click", function () { saved.disabled = false; });
    var why = document.getElementById("confirm-why");
    saved.addEventListener("change", function () {
      button.disabled = !saved.checked;
      if (why) why.hidden = saved.checked;
    });
    document.getElementById("keygen-nojs").hidden = true;
    document.getElementById("keygen-ready").hidden = false;
  }

  var box = document.getElementById("keygen");
  if (box) {
    makeKey(box).catch(function () {
      document.getElementById("keygen-nojs").textContent =
        "本浏览器不能生成计票密钥（需要支持 X25519 的新版 Chromium、Edge 或 WPS 浏览器）。活动未开始。";
    });
  }

  var file = document.getElementById("keyfile");
  if (file) {
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () {
        var text = String(reader.result);
        var expected = file.getAttribute("data-fingerprint");
        var found = /公钥指纹 ([0-9a-f]+)/.exec(text);
        var check = document.getElementById("key-check");
        var button = document.getElementById("confirm-button");
        if (found && expected && found[1] !== expected) {
          document.getElementById("key").value = "";
          button.disabled = true;
          check.className = "blocked";
          check.textContent = "✗ 所选文件的指纹为 " + found[1] + "，不是本活动（指纹 " + expected + "）的私钥文件。请选择开始本活动时保存的文件。";
          return;
        }
        document.getElementById("key").value = text;
        button.disabled = false;
        check.className = "hint";
        check.textContent = found
          ? "✓ 已读取「" + chosen.name + "」：指纹 " + found[1] + " 与本活动一致，可以结束活动。"
          : "已读取「" + chosen.name + "」（文件中没有指纹，提交后由服务器核对）。";
      };
      reader.readAsText(chosen);
    });
  }

  var downloads = document.querySelectorAll("form[data-download]");
  for (var i = 0; i < downloads.length; i++) {
    downloads[i].addEventListener("submit", function (event) {
      var form = event.currentTarget;
      var note = form.querySelector(".download-note");
      if (note) note.hidden = false;
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      setTimeout(function () { window.location.reload(); }, 3000);
    });
  }
})();
