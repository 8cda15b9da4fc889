// The search page: upload or drop a picture, or type an id; show the query and a grid of answers.
// Choosing an answer (click, Enter or Space) searches again from it. Errors from the API are shown in words.
// A stored query image also shows its near-duplicates and can be watched; the watchlist is listed at the end.
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
    throw new Error(body.error || ("The request failed with HTTP " + response.status + "."));
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

/** A query shown afresh offers nothing of a stored image until showStoredImage says which one it is. */
function showQuery(src, caption, details) {
  $("query").hidden = false;
  $("query-image").src = src;
  $("query-caption").textContent = caption;
  $("query-details").textContent = details;
  $("watch-form").hidden = true;
  $("duplicates").hidden = true;
}

/** "parity: odd, record: 7" from the stored metadata; "" without any. */
function metadataText(metadata) {
  return Object.entries(metadata || {})
    .map(([key, value]) => key + ": " + (typeof value === "string" ? value : JSON.stringify(value)))
    .join(", ");
}

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

/** A stored image as a button that searches from it: reachable with Tab, chosen with a click, Enter or Space. */
function imageButton(id, className, alt, ...texts) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.dataset.id = id;
  button.title = "Search from image " + id;
  const img = document.createElement("img");
  img.src = "/api/images/" + id;
  img.alt = alt;
  button.append(img, ...texts);
  button.addEventListener("click", () => go(idAddress(id)));
  return button;
}

function tile(hit) {
  return imageButton(hit.id_str, "tile", hit.class || "image " + hit.id_str,
    span("label", (hit.class || "-") + " #" + hit.id_str), span("distance", "distance " + hit.distance.toFixed(3)));
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
    showStoredImage(query.id_str);
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

// --- a stored query image: its near-duplicates and a watch on it

/** The id as the API wrote it; the page keeps ids as text, since JavaScript's numbers lose those above 2^53. */
function showStoredImage(id) {
  $("watch-form").hidden = false;
  $("watch-form").dataset.id = id;
  $("watch-note").placeholder = "image " + id;
  $("watch-done").textContent = "";
  $("duplicates").hidden = false;
  loadDuplicates(id);
}

/** Only the answer for the query still shown is shown, like a search's. */
function loadDuplicates(id) {
  const mine = newest;
  $("duplicates-note").textContent = "looking for near-duplicates...";
  $("duplicates-list").replaceChildren();
  call("/api/duplicates?id=" + encodeURIComponent(id))
    .then((body) => { if (mine === newest) showDuplicates(id, body.group); })
    .catch((e) => { if (mine === newest) $("duplicates-note").textContent = "near-duplicates unavailable: " + e.message; });
}

/** The group's images, its original (the earliest) first and marked, the one shown marked too. */
function showDuplicates(id, group) {
  if (!group) {
    $("duplicates-note").textContent = "No near-duplicates.";
    return;
  }
  $("duplicates-note").textContent = group.size + " images in this group: the original and its copies.";
  const member = (memberId) => {
    const button = imageButton(memberId, "tile duplicate", "image " + memberId, span("label", "#" + memberId),
      span("role", memberId === group.root_str ? "original" : "copy"));
    if (memberId === id) button.setAttribute("aria-current", "true");
    return button;
  };
  $("duplicates-list").replaceChildren(...[group.root_str, ...group.members_str].map(member));
}

/** {"id": N, ...}: the id goes in as the digits it came as, which a JavaScript number would round above 2^53. */
function watchBody(id, distance, note) {
  const rest = JSON.stringify(distance === "" ? { note } : { distance: Number(distance), note });
  return '{"id":' + id + "," + rest.slice(1);
}

$("watch-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const id = $("watch-form").dataset.id;
  const note = $("watch-note").value.trim() || "image " + id;
  $("watch").disabled = true;
  try {
    const watch = await call("/api/watchlist", { method: "POST", headers: { "Content-Type": "application/json" },
      body: watchBody(id, $("watch-distance").value, note) });
    $("watch-done").textContent = "Added watch " + watch.watch_id + " (within " + watch.distance + ") to the watchlist.";
    $("watch-note").value = "";
    showMessage("");
    refreshWatchlist();
  } catch (error) {
    showMessage(error.message); // the answer on screen is still right: it stays
  } finally {
    $("watch").disabled = false;
  }
});

// --- the watchlist panel: read on load and after each change made here

/** "2026-12-04T18:10:05.1234Z" to "2026-12-04 18:10 UTC": the API's instants are UTC. */
function createdText(instant) {
  return instant.slice(0, 16).replace("T", " ") + " UTC";
}

function watchItem(watch) {
  const item = document.createElement("li");
  item.dataset.watchId = watch.watch_id;
  const created = document.createElement("time");
  created.dateTime = watch.created_at;
  created.textContent = createdText(watch.created_at);
  const text = document.createElement("span");
  text.append(span("name", "Watch " + watch.watch_id + (watch.note ? ": " + watch.note : "")),
    " · within " + watch.distance + " · created ", created);
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "Remove";
  remove.setAttribute("aria-label", "Remove watch " + watch.watch_id);
  remove.addEventListener("click", () => unwatch(watch.watch_id, remove));
  item.append(text, remove);
  return item;
}

function showWatchlistNote(text) {
  $("watchlist-note").textContent = text;
  $("watchlist-note").hidden = !text;
}

function showWatches(watches) {
  showWatchlistNote(watches.length ? "" : "No watches yet: watch an image from its search.");
  $("watches").replaceChildren(...watches.map(watchItem));
}

function refreshWatchlist() {
  return call("/api/watchlist").then((body) => showWatches(body.watches))
    .catch((e) => showWatchlistNote("watchlist unavailable: " + e.message));
}

/** The list is read again either way: a watch missing here may have been removed elsewhere. */
async function unwatch(watchId, button) {
  button.disabled = true;
  try {
    await call("/api/watchlist/" + encodeURIComponent(watchId), { method: "DELETE" });
    showMessage("");
  } catch (e) {
    showMessage(e.message);
  }
  await refreshWatchlist();
  // The removed item's button took the focus with it: keep it in the panel, not at the page's start.
  if (document.activeElement === document.body) $("watchlist-title").focus();
}

route();
refreshWatchlist();

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
  $("watch-distance").placeholder = String(s.watch_default_distance);
  showStatusLines(statusLines(s));
}

/** A failed refresh is said in the panel: it must not take the place of a search's answer. */
function refreshStats() {
  call("/api/stats").then(showStats).catch((e) => showStatusLines(["status unavailable: " + e.message]));
}

refreshStats();
setInterval(refreshStats, 10000);
