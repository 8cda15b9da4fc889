// The search page: upload or drop a picture, or type an id; show the query and a grid of answers.
// Clicking an answer searches again from it. Errors from the API are shown in words.
const $ = (id) => document.getElementById(id);

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

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

function params() {
  const p = new URLSearchParams({ k: $("k").value });
  if ($("class").value.trim()) p.set("class", $("class").value.trim());
  return p;
}

function showQuery(src, caption) {
  $("query").hidden = false;
  $("query-image").src = src;
  $("query-caption").textContent = caption;
}

function showResults(answer) {
  const grid = $("results");
  grid.replaceChildren();
  $("timing").textContent = answer.results.length + " results in " + answer.took_ms + " ms";
  for (const hit of answer.results) {
    const tile = document.createElement("figure");
    tile.className = "tile";
    tile.dataset.id = hit.id_str;
    tile.title = "Search from image " + hit.id_str;
    const img = document.createElement("img");
    img.src = "/api/images/" + hit.id_str;
    img.alt = hit.class || "image " + hit.id_str;
    const label = document.createElement("div");
    label.className = "label";
    label.textContent = (hit.class || "-") + " #" + hit.id_str;
    const distance = document.createElement("div");
    distance.className = "distance";
    distance.textContent = "distance " + hit.distance.toFixed(3);
    tile.append(img, label, distance);
    tile.addEventListener("click", () => searchById(hit.id_str));
    grid.append(tile);
  }
  if (answer.results.length === 0) {
    showError("No stored image matches this query.");
  }
}

async function searchById(id) {
  showError("");
  $("id").value = id;
  history.replaceState(null, "", "#id=" + encodeURIComponent(id)); // a link to this search
  try {
    const answer = await call("/api/search?id=" + encodeURIComponent(id) + "&" + params());
    showQuery("/api/images/" + id, "image #" + id);
    showResults(answer);
  } catch (e) {
    showError(e.message);
  }
}

async function searchByFile(file) {
  showError("");
  if (!file.type.startsWith("image/")) {
    showError("That file is not an image: choose a JPEG, PNG, WebP, BMP or GIF.");
    return;
  }
  const form = new FormData();
  form.append("image", file);
  for (const [key, value] of params()) form.append(key, value);
  try {
    const answer = await call("/api/search", { method: "POST", body: form });
    showQuery(URL.createObjectURL(file), file.name);
    showResults(answer);
  } catch (e) {
    showError(e.message);
  }
}

$("file").addEventListener("change", (e) => e.target.files[0] && searchByFile(e.target.files[0]));
$("by-id").addEventListener("submit", (e) => {
  e.preventDefault();
  if ($("id").value === "") showError("Type an image id first.");
  else searchById($("id").value);
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files[0]) searchByFile(e.dataTransfer.files[0]);
});

const linked = new URLSearchParams(location.hash.slice(1)).get("id");
if (linked !== null) searchById(linked);

// The status panel: ingest lag, rate, ETA, dead letters and the table, from the same /api/stats.
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

function refreshStats() {
  call("/api/stats").then((s) => {
    $("stats").textContent = s.rows + " images · " + s.model + " · " + s.distance.toUpperCase()
      + " distance · HNSW m=" + s.index.m + " ef_search=" + s.index.ef_search;
    $("status-lines").replaceChildren(...statusLines(s).map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
  }).catch((e) => showError(e.message));
}

refreshStats();
setInterval(refreshStats, 10000);
