// The search page: upload or drop a picture, or type an id; show the query and a grid of answers.
// Choosing an answer (click, Enter or Space) searches again from it. Errors from the API are shown in words.
// Every search has an address of its own (#id=7&k=20, #upload=2): Back and Forward step through the
// searches, and a link to #id=... opens one. The address is read on load and whenever it changes.
const $ = (id) => document.getElementById(id);

// --- talking to the API

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    throw new Error("The search service cannot be reached (" + e.message + ").");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || ("The search failed with HTTP " + response.status + "."));
  }
  return body;
}

// --- what the page shows: a message, the busy state, the query and its answers

function showMessage(text) {
  $("error").textContent = text;
  $("error").hidden = !text;
}

function clearAnswer() {
  $("results").replaceChildren();
  $("query").hidden = true;
  $("timing").textContent = "";
}

/** A failed search leaves no answer behind: the grid on screen would belong to another query. */
function showFailure(text) {
  clearAnswer();
  showMessage(text);
}

function setBusy(busy) {
  $("busy").hidden = !busy;
  $("search").disabled = busy;
  $("file").disabled = busy;
  $("results").classList.toggle("stale", busy);
  $("results").setAttribute("aria-busy", String(busy));
}

function showQuery(src, caption, details) {
  $("query").hidden = false;
  $("query-image").src = src;
  $("query-caption").textContent = caption;
  $("query-details").textContent = details;
}

/** "parity: odd, record: 7" from the stored metadata; "" without any. */
function metadataText(metadata) {
  return Object.entries(metadata || {})
    .map(([key, value]) => key + ": " + (typeof value === "string" ? value : JSON.stringify(value)))
    .join(", ");
}

/** One answer as a button: reachable with Tab, chosen with a click, Enter or Space. */
function tile(hit) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "tile";
  button.dataset.id = hit.id_str;
  button.title = "Search from image " + hit.id_str;
  const img = document.createElement("img");
  img.src = "/api/images/" + hit.id_str;
  img.alt = hit.class || "image " + hit.id_str;
  const label = document.createElement("span");
  label.className = "label";
  label.textContent = (hit.class || "-") + " #" + hit.id_str;
  const distance = document.createElement("span");
  distance.className = "distance";
  distance.textContent = "distance " + hit.distance.toFixed(3);
  button.append(img, label, distance);
  button.addEventListener("click", () => go(idAddress(hit.id_str)));
  return button;
}

function showResults(answer) {
  showMessage("");
  // A search chosen from a tile by keyboard keeps the focus in the grid, not on the page's start.
  const focusInGrid = $("results").contains(document.activeElement);
  $("results").replaceChildren(...answer.results.map(tile));
  if (focusInGrid && $("results").firstChild) $("results").firstChild.focus();
  $("timing").textContent = answer.results.length + " results in " + answer.took_ms + " ms";
  if (answer.results.length === 0) {
    showMessage("No stored image matches this query.");
  }
}

// --- running searches: only the newest one's answer is shown, however late older ones arrive

let newest = 0;

async function run(request, show) {
  const mine = ++newest;
  setBusy(true);
  try {
    const answer = await request();
    if (mine === newest) show(answer);
  } catch (e) {
    if (mine === newest) showFailure(e.message);
  } finally {
    if (mine === newest) setBusy(false);
  }
}

/** Drops whatever search is still running: the page is about to show something else. */
function supersede() {
  newest++;
  setBusy(false);
}

function filterParams() {
  const p = new URLSearchParams({ k: $("k").value });
  if ($("class").value.trim()) p.set("class", $("class").value.trim());
  return p;
}

function searchById(id) {
  run(() => call("/api/search?" + idAddress(id)), (answer) => {
    const query = answer.query || {};
    showQuery("/api/images/" + encodeURIComponent(id), (query.class || "no class") + " #" + id,
      metadataText(query.metadata));
    showResults(answer);
  });
}

// Uploads cannot be put into an address: their answers are kept here, by number, while the page lives.
const uploads = new Map();

function searchByFile(file) {
  if (!file.type.startsWith("image/")) {
    showFailure("That file is not an image: choose a JPEG, PNG, WebP, BMP or GIF.");
    return;
  }
  const form = new FormData();
  form.append("image", file);
  for (const [key, value] of filterParams()) form.append(key, value);
  run(() => call("/api/search", { method: "POST", body: form }), (answer) => {
    const number = String(uploads.size + 1);
    uploads.set(number, { src: URL.createObjectURL(file), name: file.name, answer });
    go("upload=" + number);
  });
}

function showUpload(number) {
  supersede();
  const upload = uploads.get(number);
  if (!upload) {
    showFailure("That upload was made before the page was reloaded: drop or choose the picture again.");
    return;
  }
  showQuery(upload.src, upload.name, "");
  showResults(upload.answer);
}

// --- addresses: each search is a history entry

/** "id=7&k=20&class=cat": the address of a search by id, and its query string for the API. */
function idAddress(id) {
  return new URLSearchParams([["id", id], ...filterParams()]).toString();
}

/** Opens an address: a new history entry, or the same search again if it is the one shown. */
function go(address) {
  if (location.hash.slice(1) === address) route();
  else location.hash = address;
}

/** The form's fields as the address says, so that Back also brings back what was asked. */
function fillForm(p) {
  $("id").value = p.get("id");
  const k = p.get("k") || "20";
  if (![...$("k").options].some((option) => option.value === k)) $("k").add(new Option(k));
  $("k").value = k;
  $("class").value = p.get("class") || "";
}

function route() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.has("id")) {
    fillForm(p);
    searchById(p.get("id"));
  } else if (p.has("upload")) {
    showUpload(p.get("upload"));
  } else {
    supersede();
    clearAnswer();
    showMessage("");
  }
}

// --- the controls

$("file").addEventListener("change", (e) => {
  const file = e.target.files[0];
  e.target.value = ""; // choosing the same picture again is a change too
  if (file) searchByFile(file);
});
$("by-id").addEventListener("submit", (e) => {
  e.preventDefault();
  if ($("id").value === "") showFailure("Type an image id first.");
  else go(idAddress($("id").value));
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files[0]) searchByFile(e.dataTransfer.files[0]);
});
window.addEventListener("hashchange", route);
route();

// --- the status panel: ingest lag, rate, ETA, dead letters and the table, from /api/stats

function statusLines(s) {
  const lines = [s.rows + " rows, " + (s.table_bytes / 1e6).toFixed(1) + " MB",
    s.ingest_rate_per_s + " rows/s over the last minute"];
  if (s.kafka_error) return lines.concat("Kafka: " + s.kafka_error);
  const partitions = s.lag.partitions.map((p) => "p" + p.partition + " " + p.lag).join(", ");
  lines.push("lag " + s.lag.total + " (" + partitions + ")"
    + (s.eta_s === null ? ", no ETA" : ", ETA " + s.eta_s + " s"));
  const stages = Object.entries(s.dead_letters.by_stage).map(([stage, n]) => stage + " " + n).join(", ");
  lines.push("dead letters " + s.dead_letters.total + (stages ? " (" + stages + ")" : ""));
  return lines;
}

function showStatusLines(lines) {
  $("status-lines").replaceChildren(...lines.map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
}

function showStats(s) {
  $("stats").textContent = s.rows + " images · " + s.model + " · " + s.distance.toUpperCase()
    + " distance · HNSW m=" + s.index.m + " ef_search=" + s.index.ef_search;
  // An example that exists: the smallest stored id (none in an empty table).
  $("id").placeholder = s.sample_id_str === null ? "" : "e.g. " + s.sample_id_str;
  showStatusLines(statusLines(s));
}

/** A failed refresh is said in the panel: it must not take the place of a search's answer. */
function refreshStats() {
  call("/api/stats").then(showStats).catch((e) => showStatusLines(["status unavailable: " + e.message]));
}

refreshStats();
setInterval(refreshStats, 10000);
