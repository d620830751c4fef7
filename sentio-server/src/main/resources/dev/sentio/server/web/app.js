// Sentio's page: a recording uploaded (its emotion, probabilities and timeline) and the microphone streamed over a
// WebSocket (live emotion bars and segments). Plain JavaScript, no build step, nothing from the network but this server.
'use strict';

const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
  '#bab0ac'];
const state = { token: null, labels: [] };
const $ = (id) => document.getElementById(id);

function status(text) {
  $('status').textContent = text || '';
}

function headers() {
  return state.token ? { Authorization: 'Bearer ' + state.token } : {};
}

function color(label) {
  const i = state.labels.indexOf(label);
  return i < 0 ? '#ddd' : COLORS[i % COLORS.length];
}

async function loadModel() {
  const r = await fetch('/v1/model', { headers: headers() });
  if (r.status === 401) {
    $('token-box').hidden = false;
    $('model').textContent = 'This server needs a token.';
    return;
  }
  const m = await r.json();
  state.labels = m.labels;
  $('token-box').hidden = true;
  $('model').textContent = 'Model: ' + m.name + ' (' + m.architecture + '), labels: ' + m.labels.join(', ');
  $('legend').innerHTML = m.labels.map((l) => '<span><i style="background:' + color(l) + '"></i>' + l + '</span>')
    .join('') + '<span><i style="background:#ddd"></i>none</span>';
}

async function post(path, file) {
  const form = new FormData();
  form.append('file', file);
  const r = await fetch(path, { method: 'POST', body: form, headers: headers() });
  const body = await r.json();
  if (!r.ok) {
    throw new Error(body.error || ('HTTP ' + r.status));
  }
  return body;
}

function showProbabilities(probabilities) {
  const rows = Object.entries(probabilities || {}).sort((a, b) => b[1] - a[1]);
  $('probabilities').querySelector('tbody').innerHTML = rows
    .map(([label, p]) => '<tr><td>' + label + '</td><td class="p">' + p.toFixed(3) + '</td></tr>').join('');
}

function drawTimeline(timeline) {
  const canvas = $('timeline');
  const g = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const band = 28;
  g.clearRect(0, 0, w, h);
  const duration = Math.max(timeline.duration, 0.001);
  const x = (t) => (t / duration) * (w - 40) + 30;
  const y = (p) => h - 20 - p * (h - band - 40);
  g.fillStyle = '#444';
  g.font = '11px sans-serif';
  for (let p = 0; p <= 1.001; p += 0.5) {
    g.fillText(p.toFixed(1), 2, y(p) + 4);
  }
  for (let t = 0; t <= duration; t += Math.max(1, Math.round(duration / 10))) {
    g.fillText(t + ' s', x(t) - 8, h - 4);
  }
  for (const s of timeline.segments) {
    g.fillStyle = color(s.label);
    g.fillRect(x(s.start), 4, Math.max(1, x(s.end) - x(s.start)), band - 8);
  }
  // each emotion's probability over time, as a step line over its segments
  for (const label of timeline.labels) {
    g.strokeStyle = color(label);
    g.lineWidth = 2;
    g.beginPath();
    let drawing = false;
    for (const s of timeline.segments) {
      if (!s.probabilities) {
        drawing = false;
        continue;
      }
      const p = s.probabilities[label];
      if (!drawing) {
        g.moveTo(x(s.start), y(p));
        drawing = true;
      } else {
        g.lineTo(x(s.start), y(p));
      }
      g.lineTo(x(s.end), y(p));
    }
    g.stroke();
  }
}

async function recognize() {
  const file = $('file').files[0];
  if (!file) {
    status('Choose a file first.');
    return;
  }
  status('');
  $('result-label').textContent = '...';
  try {
    const result = await post('/v1/recognize', file);
    $('result-label').textContent = result.label;
    $('result-detail').textContent = '(' + Math.round(result.confidence * 100) + '%, ' + result.duration + ' s)';
    showProbabilities(result.probabilities);
    drawTimeline(await post('/v1/timeline', file));
  } catch (e) {
    $('result-label').textContent = '-';
    status(file.name + ': ' + e.message);
  }
}

function showBars(probabilities) {
  $('bars').innerHTML = state.labels.map((l) => {
    const p = probabilities && probabilities[l] !== undefined ? probabilities[l] : 0;
    return '<div class="bar"><span class="name">' + l + '</span><span class="fill" style="width:' +
      Math.round(p * 300) + 'px;background:' + color(l) + '"></span><span class="value">' + p.toFixed(2) +
      '</span></div>';
  }).join('');
}

const live = { socket: null, context: null, stream: null, node: null };

async function record() {
  status('');
  try {
    live.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false } });
  } catch (e) {
    status('No microphone: ' + e.message);
    return;
  }
  live.context = new AudioContext();
  await live.context.audioWorklet.addModule('pcm-worklet.js');
  const source = live.context.createMediaStreamSource(live.stream);
  live.node = new AudioWorkletNode(live.context, 'pcm-sender');
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const query = state.token ? '?access_token=' + encodeURIComponent(state.token) : '';
  const socket = new WebSocket(scheme + location.host + '/v1/stream' + query);
  socket.binaryType = 'arraybuffer';
  live.socket = socket;
  socket.onopen = () => {
    socket.send(JSON.stringify({ sampleRate: live.context.sampleRate, encoding: 'f32le' }));
    live.node.port.onmessage = (m) => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(m.data.buffer);
      }
    };
    source.connect(live.node);
    $('live-status').textContent = 'listening at ' + live.context.sampleRate + ' Hz';
  };
  socket.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.type === 'estimate') {
      $('live-label').textContent = msg.label;
      showBars(msg.probabilities);
    } else if (msg.type === 'segment') {
      const li = document.createElement('li');
      li.textContent = msg.start.toFixed(1) + '-' + msg.end.toFixed(1) + ' s: ' + msg.label +
        (msg.confidence !== undefined ? ' (' + Math.round(msg.confidence * 100) + '%)' : ' (' + msg.reason + ')');
      li.style.borderLeft = '6px solid ' + color(msg.label);
      li.style.paddingLeft = '0.4rem';
      $('segments').appendChild(li);
      if (msg.probabilities) {
        $('live-label').textContent = msg.label;
        showBars(msg.probabilities);
      }
    } else if (msg.type === 'error') {
      status(msg.error);
    }
  };
  socket.onclose = (e) => {
    $('live-status').textContent = e.code === 1000 ? 'stopped' : 'closed (' + e.code + ' ' + e.reason + ')';
    release();
  };
  $('record').disabled = true;
  $('stop').disabled = false;
}

function release() {
  if (live.stream) {
    live.stream.getTracks().forEach((t) => t.stop());
  }
  if (live.context) {
    live.context.close();
  }
  live.stream = live.context = live.node = null;
  $('record').disabled = false;
  $('stop').disabled = true;
}

function stop() {
  if (live.socket && live.socket.readyState === WebSocket.OPEN) {
    live.socket.send(JSON.stringify({ type: 'end' }));
  } else {
    release();
  }
}

$('recognize').addEventListener('click', recognize);
$('record').addEventListener('click', record);
$('stop').addEventListener('click', stop);
$('token-use').addEventListener('click', () => {
  state.token = $('token').value.trim() || null;
  loadModel();
});
showBars({});
loadModel().catch((e) => status('Cannot reach the server: ' + e.message));
