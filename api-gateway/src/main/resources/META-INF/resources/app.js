// Clipflow web UI: plain JS, no build step. Talks to the gateway's /jobs and /gallery API.
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);
const JOBS_KEY = 'clipflow.jobs';
const API_KEY_KEY = 'clipflow.apiKey';
const FINAL = new Set(['completed', 'failed', 'cancelled']);
const jobTitles = new Map();
// Jobs deleted from this page: a job list or gallery fetched before the delete took effect must not bring them back.
const deletedJobs = new Set();

const REASONS = {
  unsupported_format: 'This file is not a video format Clipflow can read.',
  no_video_stream: 'The file has no video picture in it.',
  corrupt_input: 'The video file is damaged or incomplete.',
  range_out_of_bounds: 'A clip range goes past the end of the video.',
  auto_selection_unavailable: 'Automatic selection is not available: give exact ranges.',
  source_unreachable: 'The video URL could not be downloaded.',
  source_too_large: 'The video is larger than this server accepts.',
  source_forbidden: 'That URL points somewhere Clipflow may not fetch from.',
  render_failed: 'Rendering failed.',
  render_timeout: 'Rendering took too long and was stopped.',
  worker_crashed: 'This job stopped its worker several times and is not tried again.',
};

function apiHeaders(extra = {}) {
  const key = localStorage.getItem(API_KEY_KEY);
  return key ? { ...extra, 'X-API-Key': key } : extra;
}

function errorText(body, status) {
  if (body && body.error) return body.error.message || body.error.code;
  return `The server answered ${status}.`;
}

// ---- submit -------------------------------------------------------------

function parseSeconds(text) {
  const parts = text.trim().split(':').map(Number);
  if (parts.some(Number.isNaN)) return NaN;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function parseRanges(text) {
  return text.split('\n').map(line => line.trim()).filter(Boolean).map((line, i) => {
    const match = line.match(/^([\d:.]+)\s*-\s*([\d:.]+)\s*(.*)$/);
    if (!match) throw new Error(`Line ${i + 1}: write ranges as start-end, e.g. 1:05-1:35`);
    const clip = { start: parseSeconds(match[1]), end: parseSeconds(match[2]) };
    if (!(clip.end > clip.start)) throw new Error(`Line ${i + 1}: the end must come after the start`);
    if (match[3]) clip.title = match[3];
    return clip;
  });
}

function jobOptions() {
  const options = {
    title: $('#title').value.trim() || undefined,
    output_format: $('#output-format').value,
    layout: $('#layout').value,
  };
  if (document.querySelector('input[name=mode]:checked').value === 'ranges') {
    options.clips = parseRanges($('#ranges').value);
    if (options.clips.length === 0) throw new Error('Give at least one range, or choose "Find the best moments".');
  } else {
    options.target_clips = Number($('#target-clips').value);
    options.clip_min_seconds = Number($('#clip-min').value);
    options.clip_max_seconds = Number($('#clip-max').value);
  }
  return options;
}

/** A multipart submission: the video file or a source_url field, and the captions file if one is chosen. */
function sendUpload(file, options, captions) {
  const form = new FormData();
  if (captions) form.append('captions', captions, captions.name);
  if (file) form.append('file', file, file.name);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'jobs');
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    const bar = $('#upload-progress');
    bar.hidden = false;
    xhr.upload.onprogress = e => { if (e.lengthComputable) bar.value = (e.loaded / e.total) * 100; };
    xhr.onload = () => {
      bar.hidden = true;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { /* not JSON */ }
      xhr.status === 202 ? resolve(body) : reject(new Error(errorText(body, xhr.status)));
    };
    xhr.onerror = () => { bar.hidden = true; reject(new Error('The upload was interrupted.')); };
    xhr.send(form);
  });
}

async function sendUrl(url, options) {
  const response = await fetch('jobs', {
    method: 'POST',
    headers: apiHeaders({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ source_url: url, ...options }),
  });
  const body = await response.json().catch(() => null);
  if (response.status !== 202) throw new Error(errorText(body, response.status));
  return body;
}

async function submitJob(event) {
  event.preventDefault();
  const error = $('#form-error');
  error.hidden = true;
  const file = $('#file').files[0];
  const url = $('#source-url').value.trim();
  const button = $('#submit-button');
  try {
    if (!file && !url) throw new Error('Choose a video file or give a URL.');
    if (file && url) throw new Error('Give a file or a URL, not both.');
    const options = jobOptions();
    const captions = $('#captions-file').files[0];
    if (captions) options.caption_style = $('#caption-style').value;
    button.disabled = true;
    const accepted = file || captions
      ? await sendUpload(file, file ? options : { source_url: url, ...options }, captions)
      : await sendUrl(url, options);
    rememberJob(accepted.job_id, options.title || (file ? file.name : url));
    $('#job-form').reset();
    $('#file-name').textContent = '';
    toggleMode();
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

// ---- jobs ---------------------------------------------------------------

function storedJobs() {
  try { return JSON.parse(localStorage.getItem(JOBS_KEY)) || []; } catch (ignored) { return []; }
}

function rememberJob(id, title) {
  const jobs = storedJobs().filter(job => job.id !== id);
  jobs.unshift({ id, title });
  localStorage.setItem(JOBS_KEY, JSON.stringify(jobs.slice(0, 30)));
  renderJob({ id, title });
}

// Every job the gateway knows, newest first (not only those submitted from this browser).
async function loadJobs() {
  const response = await fetch('jobs?limit=100', { headers: apiHeaders() });
  if (!response.ok) throw new Error(`jobs ${response.status}`);
  const page = await response.json();
  page.jobs.slice().reverse().forEach(job => {
    if (job.title) jobTitles.set(job.job_id, job.title);
    renderJob({ id: job.job_id, title: job.title });
  });
}

// DELETE cancels a job that is still running and deletes everything stored for it.
async function deleteJob(id) {
  const response = await fetch(`jobs/${id}`, { method: 'DELETE', headers: apiHeaders() });
  const body = await response.json().catch(() => null);
  if (!response.ok && response.status !== 404) throw new Error(errorText(body, response.status));
  deletedJobs.add(id);
  document.getElementById(`job-${id}`)?.remove();
  localStorage.setItem(JOBS_KEY, JSON.stringify(storedJobs().filter(job => job.id !== id)));
  document.querySelectorAll(`.gallery-job[data-job-id="${id}"]`).forEach(group => group.remove());
  if (!$('#job-list').children.length) $('#no-jobs').hidden = false;
}

async function retryJob(id, item) {
  const response = await fetch(`jobs/${id}/retry`, { method: 'POST', headers: apiHeaders() });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = $('.job-error', item);
    error.textContent = errorText(body, response.status);
    error.hidden = false;
    return;
  }
  rememberJob(body.job_id, $('.job-title', item).textContent);
}

// A recut renders more clips of a completed job from its kept source, numbered after the job's own.
async function recutJob(id, item) {
  const form = $('.job-recut-form', item);
  const note = $('.recut-note', form);
  note.hidden = false;
  const clip = { start: parseSeconds($('.recut-start', form).value), end: parseSeconds($('.recut-end', form).value) };
  if (!(clip.start >= 0) || !(clip.end > clip.start)) {
    note.textContent = 'Give a start and an end after it, e.g. 1:05 and 1:35.';
    return;
  }
  const options = { clips: [clip] };
  if ($('.recut-format', form).value) options.output_format = $('.recut-format', form).value;
  if ($('.recut-layout', form).value) options.layout = $('.recut-layout', form).value;
  const response = await fetch(`jobs/${id}/clips`, {
    method: 'POST', headers: apiHeaders({ 'Content-Type': 'application/json' }), body: JSON.stringify(options),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    note.textContent = errorText(body, response.status);
    return;
  }
  note.textContent = 'Recut queued…';
  for (let i = 0; i < 300; i++) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const status = await fetchStatus(id).catch(() => null);
    const recut = status && (status.recuts || []).find(r => r.recut_id === body.recut_id);
    if (!recut || recut.status === 'queued') continue;
    showStatus(item, status);
    if (recut.status === 'failed') {
      const code = recut.error && recut.error.code;
      note.textContent = `Recut failed: ${REASONS[code] || ''} ${recut.error ? recut.error.message : ''}`.trim();
      return;
    }
    // Its clip is listed once rendered, like the job's own; its link works once the recut's backup is stored.
    const backup = recut.backup && recut.backup.status;
    if (backup === 'pending') {
      note.textContent = 'Recut rendered, storing its clip…';
      continue;
    }
    if (backup !== 'stored') {
      note.textContent = `Recut rendered, but its clip was not stored (backup ${backup}).`;
      return;
    }
    note.textContent = 'Recut done: the new clip is stored and added to the job.';
    await refreshGalleryUntil(id, status.result.clips.length);
    return;
  }
}

// The recut's clips reach the gallery a moment after the status says they are stored: the gallery indexes them on
// the same upload report.
async function refreshGalleryUntil(jobId, clipCount) {
  for (let i = 0; i < 30; i++) {
    await loadGallery(true);
    const group = document.querySelector(`.gallery-job[data-job-id="${jobId}"]`);
    if (group && group.querySelectorAll('.clip').length >= clipCount) return;
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

function onAction(button, action) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try { await action(); } catch (e) { alert(e.message); } finally { button.disabled = false; }
  });
}

function renderJob(job) {
  if (deletedJobs.has(job.id)) return;
  $('#no-jobs').hidden = true;
  let item = document.getElementById(`job-${job.id}`);
  if (!item) {
    item = $('#job-template').content.firstElementChild.cloneNode(true);
    item.id = `job-${job.id}`;
    $('.job-title', item).textContent = job.title || job.id;
    onAction($('.job-delete', item), () => deleteJob(job.id));
    onAction($('.job-retry', item), () => retryJob(job.id, item));
    // the recut form offers the submit form's formats and layouts, after its own "as the job" default
    for (const [from, to] of [['#output-format', '.recut-format'], ['#layout', '.recut-layout']]) {
      for (const option of $(from).options) $(to, item).append(new Option(option.textContent, option.value));
    }
    $('.job-recut', item).addEventListener('click', () => {
      const form = $('.job-recut-form', item);
      form.hidden = !form.hidden;
      $('.job-recut', item).setAttribute('aria-expanded', String(!form.hidden));
    });
    $('.job-recut-form', item).addEventListener('submit', async event => {
      event.preventDefault();
      const submit = $('.recut-submit', item);
      submit.disabled = true;
      try { await recutJob(job.id, item); } catch (e) { alert(e.message); } finally { submit.disabled = false; }
    });
    $('#job-list').prepend(item);
    followJob(job.id, item);
  }
}

function showStatus(item, status) {
  const badge = $('.job-status', item);
  badge.textContent = status.status;
  badge.className = `badge job-status ${status.status}`;
  $('.job-progress', item).value = status.progress ?? 0;
  const backup = status.backup && status.backup.status ? ` · backup ${status.backup.status}` : '';
  $('.job-stage', item).textContent = (status.stage || '') + backup;
  const error = $('.job-error', item);
  if (status.error) {
    error.textContent = REASONS[status.error.code] ? `${REASONS[status.error.code]} (${status.error.message})` : status.error.message;
    error.hidden = false;
  }
  const captionsNote = status.result && status.result.captions;
  if (captionsNote && captionsNote.status === 'unavailable') {
    error.textContent = `Clips made without captions: ${captionsNote.reason}`;
    error.hidden = false;
  }
  $('.job-retry', item).hidden = status.status !== 'failed';
  $('.job-recut', item).hidden = !(status.status === 'completed' && status.backup?.status === 'stored');
  $('.job-delete', item).textContent = FINAL.has(status.status) ? 'Delete' : 'Cancel';
  const clips = $('.job-clips', item);
  clips.replaceChildren();
  for (const clip of (status.result && status.result.clips) || []) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = clip.url;
    link.textContent = `${clip.title || `Clip ${clip.number}`} (${Number(clip.duration).toFixed(1)} s)`;
    li.append(link);
    if (clip.captions_url) {
      const captions = document.createElement('a');
      captions.href = clip.captions_url;
      captions.download = '';
      captions.className = 'captions-link';
      captions.textContent = 'captions (.srt)';
      li.append(' · ', captions);
    }
    clips.append(li);
  }
}

async function fetchStatus(id) {
  const response = await fetch(`jobs/${id}`, { headers: apiHeaders() });
  if (response.status === 404 || response.status === 410) return null;
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

// Server-Sent Events read through fetch, so the API key header can be sent.
async function streamEvents(id, onStatus) {
  const response = await fetch(`jobs/${id}/events`, { headers: apiHeaders({ Accept: 'text/event-stream' }) });
  if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = chunk.split('\n').filter(line => line.startsWith('data:')).map(line => line.slice(5).trim()).join('\n');
      if (data) await onStatus(data);
    }
  }
}

const MAX_STREAMS = 3;
let openStreams = 0;

async function followJob(id, item) {
  const refresh = async () => {
    const status = await fetchStatus(id);
    if (status) showStatus(item, status);
    return status;
  };
  let status = await refresh().catch(() => null);
  if (status && FINAL.has(status.status) && status.backup?.status !== 'pending') return;
  // A browser opens about six connections to a host: a few jobs stream their events, the others are polled,
  // so a long list of running jobs never leaves the page without a connection for its own requests.
  if (openStreams < MAX_STREAMS) {
    openStreams++;
    try {
      await streamEvents(id, async data => {
        let parsed = null;
        try { parsed = JSON.parse(data); } catch (ignored) { /* plain text event */ }
        if (parsed && parsed.status && parsed.job_id) showStatus(item, parsed); else await refresh();
      });
    } catch (ignored) { /* fall back to polling below */ } finally {
      openStreams--;
    }
  }
  // Keep polling until the backup has settled too, then refresh the gallery once.
  for (let i = 0; i < 600; i++) {
    status = await refresh().catch(() => null);
    if (status && FINAL.has(status.status) && status.backup?.status !== 'pending') break;
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  if (status && status.status === 'completed') loadGallery(true);
}

// ---- gallery ------------------------------------------------------------

async function loadGallery(refresh = false) {
  const note = $('#gallery-status');
  try {
    const response = await fetch(`gallery?limit=60${refresh ? '&refresh=true' : ''}`, { headers: apiHeaders() });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(errorText(body, response.status));
    const items = (body.clips || []).filter(clip => !deletedJobs.has(clip.job_id));
    const grid = $('#gallery-grid');
    // Grouped by job, newest job first as the gallery orders them, each group with its own delete.
    const groups = new Map();
    for (const clip of items) {
      if (!groups.has(clip.job_id)) groups.set(clip.job_id, []);
      groups.get(clip.job_id).push(clip);
    }
    grid.replaceChildren(...[...groups].map(([jobId, clips]) => galleryJob(jobId, clips)));
    note.textContent = items.length ? '' : 'No clips yet.';
  } catch (e) {
    note.textContent = `The gallery is unavailable right now: ${e.message}`;
  }
}

function galleryJob(jobId, clips) {
  const group = $('#gallery-job-template').content.firstElementChild.cloneNode(true);
  group.dataset.jobId = jobId;
  $('.gallery-job-title', group).textContent = jobTitles.get(jobId) || `Job ${jobId.slice(0, 8)}`;
  $('.gallery-job-clips', group).replaceChildren(...clips.map(clipCard));
  onAction($('.gallery-job-delete', group), () => deleteJob(jobId));
  return group;
}

function clipCard(clip) {
  const card = $('#clip-template').content.firstElementChild.cloneNode(true);
  const video = $('video', card);
  video.src = clip.url;
  if (clip.thumbnail_url) video.poster = clip.thumbnail_url;
  $('.clip-title', card).textContent = clip.title || `Clip ${clip.number}`;
  $('.clip-desc', card).textContent = clip.tiktok_desc || clip.insta_desc || `${Number(clip.duration || 0).toFixed(1)} s`;
  const download = $('.download', card);
  download.href = clip.url;
  if (clip.captions_url) {
    const captions = $('.download-captions', card);
    captions.href = clip.captions_url;
    captions.hidden = false;
  }
  $('.copy-link', card).addEventListener('click', async event => {
    const absolute = new URL(clip.url, location.href).href;
    try { await navigator.clipboard.writeText(absolute); event.target.textContent = 'Copied'; }
    catch (ignored) { prompt('Copy this link', absolute); }
  });
  return card;
}

// ---- wiring -------------------------------------------------------------

function toggleMode() {
  const ranges = document.querySelector('input[name=mode]:checked').value === 'ranges';
  $('#range-options').hidden = !ranges;
  $('#auto-options').hidden = ranges;
}

function setUpDropZone() {
  const zone = $('#drop-zone');
  const input = $('#file');
  const show = () => { $('#file-name').textContent = input.files[0] ? `· ${input.files[0].name}` : ''; };
  input.addEventListener('change', show);
  zone.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') input.click(); });
  ['dragenter', 'dragover'].forEach(type => zone.addEventListener(type, e => { e.preventDefault(); zone.classList.add('dragging'); }));
  ['dragleave', 'drop'].forEach(type => zone.addEventListener(type, e => { e.preventDefault(); zone.classList.remove('dragging'); }));
  zone.addEventListener('drop', e => {
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
}

document.addEventListener('DOMContentLoaded', () => {
  const key = $('#api-key');
  key.value = localStorage.getItem(API_KEY_KEY) || '';
  key.addEventListener('change', () => { localStorage.setItem(API_KEY_KEY, key.value.trim()); loadGallery(); });
  document.querySelectorAll('input[name=mode]').forEach(radio => radio.addEventListener('change', toggleMode));
  $('#job-form').addEventListener('submit', submitJob);
  $('#refresh-gallery').addEventListener('click', () => loadGallery(true));
  setUpDropZone();
  storedJobs().slice().reverse().forEach(renderJob);
  loadJobs().catch(() => { /* the jobs this browser submitted are shown all the same */ }).finally(() => loadGallery());
});
