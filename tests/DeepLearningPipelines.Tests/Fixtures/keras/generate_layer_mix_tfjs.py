#!/usr/bin/python3
"""Writes layer_mix_tfjs/: a small TF.js layers model using most supported Keras layers, with numpy reference outputs.

Run from the repository root:  /usr/bin/python3 tests/DeepLearningPipelines.Tests/Fixtures/keras/generate_layer_mix_tfjs.py

The model (functional, Keras 2 config format, 7x7x2 input) exercises Rescaling, asymmetric ZeroPadding2D, SeparableConv2D
(depth multiplier 2, stride 2, TF "same" padding with the extra row/column at the bottom/right, swish),
DepthwiseConv2D (multiplier 2, tanh), MaxPooling2D and AveragePooling2D with "same" padding (padded cells excluded from
the average), Concatenate, ReLU(max_value, negative_slope), Conv2D with sigmoid and hard_swish, Add, Multiply,
GlobalMaxPooling2D, GlobalAveragePooling2D, Flatten (channels-last order), Dense, Reshape, Dense on a rank-3 tensor,
Dropout and a softmax Activation. Weights are stored as float32, uint8- and uint16-quantized (w = q*scale + min) and
float16; the references use the dequantized values. Everything is computed in float64 by the code below.
"""
import json
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'layer_mix_tfjs')
rng = np.random.default_rng(7)


def same(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return out, total // 2, total - total // 2


def pad_same(x, k, s, value=0.0):
    _, h, w, _ = x.shape
    oh, t, b = same(h, k, s)
    ow, l, r = same(w, k, s)
    return np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)), constant_values=value), oh, ow


def conv(x, kernel, s, padding):
    k = kernel.shape[0]
    if padding == 'same':
        x, oh, ow = pad_same(x, k, s)
    else:
        oh, ow = (x.shape[1] - k) // s + 1, (x.shape[2] - k) // s + 1
    out = np.zeros((1, oh, ow, kernel.shape[3]))
    for i in range(oh):
        for j in range(ow):
            out[0, i, j] = np.tensordot(x[0, i * s:i * s + k, j * s:j * s + k, :], kernel, axes=3)
    return out


def depthwise(x, kernel, s, padding):
    k, _, c, m = kernel.shape
    outs = [conv(x[..., ci:ci + 1], kernel[:, :, ci:ci + 1, :], s, padding) for ci in range(c)]
    return np.concatenate(outs, axis=3)  # channel ci*m + mi


def pool(x, k, s, kind):
    ones = np.ones_like(x)
    xp, oh, ow = pad_same(x, k, s, -np.inf if kind == 'max' else 0.0)
    cp, _, _ = pad_same(ones, k, s)
    out = np.zeros((1, oh, ow, x.shape[3]))
    for i in range(oh):
        for j in range(ow):
            win = xp[0, i * s:i * s + k, j * s:j * s + k, :]
            if kind == 'max':
                out[0, i, j] = win.max(axis=(0, 1))
            else:
                out[0, i, j] = win.sum(axis=(0, 1)) / cp[0, i * s:i * s + k, j * s:j * s + k, :].sum(axis=(0, 1))
    return out


sigmoid = lambda v: 1 / (1 + np.exp(-v))
swish = lambda v: v * sigmoid(v)
hard_swish = lambda v: v * np.clip(v + 3, 0, 6) / 6

layers = []
manifest = []
blob = bytearray()
weights = {}


def add_weight(name, shape, storage='float32'):
    value = rng.uniform(-0.6, 0.6, shape)
    entry = {'name': name, 'shape': list(shape), 'dtype': 'float32'}
    if storage in ('uint8', 'uint16'):
        levels = 255 if storage == 'uint8' else 65535
        lo, hi = value.min(), value.max()
        scale = (hi - lo) / levels
        q = np.round((value - lo) / scale).astype(storage)
        value = q.astype(np.float64) * scale + lo
        entry['quantization'] = {'dtype': storage, 'scale': scale, 'min': lo}
        blob.extend(q.astype('<u1' if storage == 'uint8' else '<u2').tobytes())
    elif storage == 'float16':
        half = value.astype('<f2')
        value = half.astype(np.float64)
        entry['quantization'] = {'dtype': 'float16'}
        blob.extend(half.tobytes())
    else:
        value = value.astype('<f4')
        blob.extend(value.tobytes())
        value = value.astype(np.float64)
    manifest.append(entry)
    weights[name] = value
    return value


def layer(name, cls, config, inputs):
    config = dict(config, name=name)
    layers.append({'name': name, 'class_name': cls, 'config': config,
                   'inbound_nodes': [[[i, 0, 0, {}] for i in inputs]] if inputs else []})


x = rng.uniform(-1, 1, (1, 7, 7, 2))
x32 = x.astype(np.float32)
x = x32.astype(np.float64)
layer('input_1', 'InputLayer', {'batch_input_shape': [None, 7, 7, 2], 'dtype': 'float32'}, [])

layer('rescale', 'Rescaling', {'scale': 0.5, 'offset': 0.1}, ['input_1'])
v_rescale = x * 0.5 + 0.1

layer('pad', 'ZeroPadding2D', {'padding': [[1, 0], [0, 2]], 'data_format': 'channels_last'}, ['rescale'])
v_pad = np.pad(v_rescale, ((0, 0), (1, 0), (0, 2), (0, 0)))

layer('sep', 'SeparableConv2D', {'filters': 4, 'kernel_size': [3, 3], 'strides': [2, 2], 'padding': 'same', 'depth_multiplier': 2,
                                 'use_bias': True, 'activation': 'swish', 'data_format': 'channels_last', 'dilation_rate': [1, 1]}, ['pad'])
dk = add_weight('sep/depthwise_kernel', (3, 3, 2, 2), 'uint16')
pk = add_weight('sep/pointwise_kernel', (1, 1, 4, 4))
sb = add_weight('sep/bias', (4,))
v_sep = swish(conv(depthwise(v_pad, dk, 2, 'same'), pk, 1, 'valid') + sb)

layer('dw', 'DepthwiseConv2D', {'kernel_size': [3, 3], 'strides': [1, 1], 'padding': 'same', 'depth_multiplier': 2,
                                'use_bias': True, 'activation': 'tanh', 'data_format': 'channels_last'}, ['rescale'])
dwk = add_weight('dw/depthwise_kernel', (3, 3, 2, 2))
dwb = add_weight('dw/bias', (4,), 'float16')
v_dw = np.tanh(depthwise(v_rescale, dwk, 1, 'same') + dwb)

layer('mp', 'MaxPooling2D', {'pool_size': [2, 2], 'strides': [2, 2], 'padding': 'same', 'data_format': 'channels_last'}, ['dw'])
v_mp = pool(v_dw, 2, 2, 'max')
layer('ap', 'AveragePooling2D', {'pool_size': [3, 3], 'strides': [2, 2], 'padding': 'same', 'data_format': 'channels_last'}, ['dw'])
v_ap = pool(v_dw, 3, 2, 'avg')
layer('cat', 'Concatenate', {'axis': -1}, ['mp', 'ap'])
v_cat = np.concatenate([v_mp, v_ap], axis=3)

layer('relu', 'ReLU', {'max_value': 0.5, 'negative_slope': 0.1, 'threshold': 0.0}, ['cat'])
v_relu = np.where(v_cat >= 0, np.minimum(v_cat, 0.5), 0.1 * v_cat)

layer('conv_a', 'Conv2D', {'filters': 4, 'kernel_size': [1, 1], 'strides': [1, 1], 'padding': 'valid', 'use_bias': True,
                           'activation': 'sigmoid', 'data_format': 'channels_last', 'dilation_rate': [1, 1]}, ['relu'])
ak = add_weight('conv_a/kernel', (1, 1, 8, 4))
ab = add_weight('conv_a/bias', (4,))
v_a = sigmoid(conv(v_relu, ak, 1, 'valid') + ab)
layer('conv_b', 'Conv2D', {'filters': 4, 'kernel_size': [3, 3], 'strides': [1, 1], 'padding': 'same', 'use_bias': False,
                           'activation': 'hard_swish', 'data_format': 'channels_last', 'dilation_rate': [1, 1]}, ['relu'])
bk = add_weight('conv_b/kernel', (3, 3, 8, 4))
v_b = hard_swish(conv(v_relu, bk, 1, 'same'))
layer('add', 'Add', {}, ['conv_a', 'conv_b'])
layer('mul', 'Multiply', {}, ['add', 'conv_a'])
v_mul = (v_a + v_b) * v_a
layer('gmp', 'GlobalMaxPooling2D', {'data_format': 'channels_last'}, ['mul'])
v_gmp = v_mul.max(axis=(1, 2))
layer('gap', 'GlobalAveragePooling2D', {'data_format': 'channels_last'}, ['sep'])
v_gap = v_sep.mean(axis=(1, 2))

layer('flat', 'Flatten', {'data_format': 'channels_last'}, ['sep'])
v_flat = v_sep.reshape(1, -1)
layer('dense', 'Dense', {'units': 4, 'use_bias': True, 'activation': 'relu'}, ['flat'])
dk2 = add_weight('dense/kernel', (80, 4), 'uint8')
db2 = add_weight('dense/bias', (4,))
v_dense = np.maximum(v_flat @ dk2 + db2, 0)

layer('cat2', 'Concatenate', {'axis': 1}, ['gmp', 'gap', 'dense'])
v_cat2 = np.concatenate([v_gmp, v_gap, v_dense], axis=1)
layer('reshape', 'Reshape', {'target_shape': [-1, 3]}, ['cat2'])
v_reshape = v_cat2.reshape(1, 4, 3)
layer('dense3', 'Dense', {'units': 2, 'use_bias': True, 'activation': 'linear'}, ['reshape'])
k3 = add_weight('dense3/kernel', (3, 2))
b3 = add_weight('dense3/bias', (2,))
v_dense3 = v_reshape @ k3 + b3
layer('drop', 'Dropout', {'rate': 0.5}, ['dense3'])
layer('flat2', 'Flatten', {}, ['drop'])
layer('out', 'Activation', {'activation': 'softmax'}, ['flat2'])
logits = v_dense3.reshape(1, -1)
v_out = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()

os.makedirs(HERE, exist_ok=True)
model = {
    'format': 'layers-model',
    'generatedBy': 'generate_layer_mix_tfjs.py',
    'modelTopology': {'keras_version': '2.4.0', 'backend': 'tensorflow', 'model_config': {'class_name': 'Functional', 'config': {
        'name': 'layer_mix', 'layers': layers, 'input_layers': [['input_1', 0, 0]], 'output_layers': [['out', 0, 0]]}}},
    'weightsManifest': [{'paths': ['group1-shard1of2', 'group1-shard2of2'], 'weights': manifest}],
}
with open(os.path.join(HERE, 'model.json'), 'w') as f:
    json.dump(model, f, indent=1)
half = len(blob) // 2
open(os.path.join(HERE, 'group1-shard1of2'), 'wb').write(bytes(blob[:half]))
open(os.path.join(HERE, 'group1-shard2of2'), 'wb').write(bytes(blob[half:]))
reference = {'input': x32.ravel().tolist()}
for name, value in [('cat', v_cat), ('sep', v_sep), ('mul', v_mul), ('flat', v_flat), ('cat2', v_cat2), ('dense3', v_dense3), ('out', v_out)]:
    reference[name] = {'shape': [-1] + list(value.shape[1:]), 'values': value.ravel().tolist()}
with open(os.path.join(HERE, 'reference.json'), 'w') as f:
    json.dump(reference, f)
