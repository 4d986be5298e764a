#!/usr/bin/python3
"""Writes the Keras HDF5 test fixtures of this folder with h5py and numpy (Debian python3-h5py 3.7, python3-numpy 1.24).

Run from the repository root:  /usr/bin/python3 tests/DeepLearningPipelines.Tests/Fixtures/keras/generate_keras_h5_fixtures.py

* mobilenet_v1_0.25_full.h5 -- the shared TF.js MobileNet v1 0.25 (../shared/models/mobilenet_v1_0.25) re-saved in the
  layout of Keras 2 `model.save()`: root attributes model_config (JSON bytes), keras_version, backend; group
  model_weights with attribute layer_names and one group per layer whose attribute weight_names lists datasets stored
  at <layer>/<layer>/<weight>:0. String attributes are fixed-length bytes and a layer without weights gets an empty
  float64 array, as Keras 2's save_attributes_to_hdf5_group writes them.
* tiny_weights_only.h5 -- a weights-only file (root layer_names, as keras.applications downloads) for a small model
  Conv2D(4, 3x3, strides 2, same, relu) -> Flatten -> Dense(3, softmax) on 6x6x3 inputs, with variable-length str
  attributes (h5py's encoding of Python str). tiny_reference.json holds an input, the numpy-computed flatten output
  and probabilities, and the weights.
* tiny_nested_full.h5 -- a full model (Keras 2 model.save layout) whose only layer is the tiny model nested as a
  layer, the usual transfer-learning shape: the nested model's weights sit in its own group, named conv/kernel:0 etc.
* bad_*.h5 -- malformed weight files for error tests.
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'models', 'mobilenet_v1_0.25')


def read_tfjs(folder):
    with open(os.path.join(folder, 'model.json')) as f:
        model = json.load(f)
    weights = {}
    for group in model['weightsManifest']:
        data = b''.join(open(os.path.join(folder, p), 'rb').read() for p in group['paths'])
        offset = 0
        for entry in group['weights']:
            assert entry['dtype'] == 'float32' and 'quantization' not in entry
            count = int(np.prod(entry['shape']))
            weights[entry['name']] = np.frombuffer(data, '<f4', count, offset).reshape(entry['shape'])
            offset += 4 * count
    return model, weights


KERAS_WEIGHT_ORDER = ['kernel', 'depthwise_kernel', 'pointwise_kernel', 'bias', 'gamma', 'beta', 'moving_mean', 'moving_variance']


def write_layer_groups(root, layer_names, weights, str_type):
    root.attrs['layer_names'] = str_type(layer_names)
    for layer in layer_names:
        group = root.create_group(layer)
        mine = sorted((n for n in weights if n.split('/')[0] == layer), key=lambda n: KERAS_WEIGHT_ORDER.index(n.split('/')[1]))
        names = [n + ':0' for n in mine]
        group.attrs['weight_names'] = str_type(names) if names else np.asarray([])
        for name in mine:
            group.create_dataset(name + ':0', data=weights[name])


def fixed_bytes(strings):
    return np.array([s.encode('utf8') for s in strings])


def variable_str(strings):
    return np.array(strings, dtype=h5py.string_dtype('utf-8'))


def mobilenet_full():
    model, weights = read_tfjs(SHARED)
    config = model['modelTopology']['model_config']
    layer_names = [layer['name'] for layer in config['config']['layers']]
    with h5py.File(os.path.join(HERE, 'mobilenet_v1_0.25_full.h5'), 'w') as f:
        f.attrs['keras_version'] = b'2.1.4'
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(config).encode('utf8')
        group = f.create_group('model_weights')
        group.attrs['keras_version'] = b'2.1.4'
        group.attrs['backend'] = b'tensorflow'
        write_layer_groups(group, layer_names, weights, fixed_bytes)


def same_pads(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2, total - total // 2


def tiny():
    rng = np.random.default_rng(20241121)
    x = rng.uniform(-1, 1, (1, 6, 6, 3)).astype(np.float32)
    weights = {
        'conv/kernel': rng.uniform(-0.5, 0.5, (3, 3, 3, 4)).astype(np.float32),
        'conv/bias': rng.uniform(-0.1, 0.1, (4,)).astype(np.float32),
        'dense/kernel': rng.uniform(-0.5, 0.5, (36, 3)).astype(np.float32),
        'dense/bias': rng.uniform(-0.1, 0.1, (3,)).astype(np.float32),
    }
    out, top, bottom = same_pads(6, 3, 2)
    padded = np.pad(x.astype(np.float64), ((0, 0), (top, bottom), (top, bottom), (0, 0)))
    conv = np.zeros((1, out, out, 4))
    for i in range(out):
        for j in range(out):
            window = padded[0, 2 * i:2 * i + 3, 2 * j:2 * j + 3, :]
            conv[0, i, j] = np.tensordot(window, weights['conv/kernel'], axes=3) + weights['conv/bias']
    flat = np.maximum(conv, 0).reshape(1, -1)
    logits = flat @ weights['dense/kernel'] + weights['dense/bias']
    probs = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    with h5py.File(os.path.join(HERE, 'tiny_weights_only.h5'), 'w') as f:
        f.attrs['keras_version'] = '2.4.0'
        f.attrs['backend'] = 'tensorflow'
        write_layer_groups(f, ['input_1', 'conv', 'flatten', 'dense'], weights, variable_str)
    with open(os.path.join(HERE, 'tiny_reference.json'), 'w') as f:
        json.dump({'input': x.ravel().tolist(), 'flatten': flat.ravel().tolist(), 'probabilities': probs.ravel().tolist()}, f)
    return weights


def tiny_config(name, input_name):
    def node(layer):
        return [[[layer, 0, 0, {}]]]
    return {'class_name': 'Model', 'config': {'name': name, 'layers': [
        {'name': input_name, 'class_name': 'InputLayer', 'config': {'name': input_name, 'batch_input_shape': [None, 6, 6, 3], 'dtype': 'float32'}, 'inbound_nodes': []},
        {'name': 'conv', 'class_name': 'Conv2D', 'config': {'name': 'conv', 'filters': 4, 'kernel_size': [3, 3], 'strides': [2, 2], 'padding': 'same',
                                                            'activation': 'relu', 'use_bias': True, 'data_format': 'channels_last', 'dilation_rate': [1, 1]},
         'inbound_nodes': node(input_name)},
        {'name': 'flatten', 'class_name': 'Flatten', 'config': {'name': 'flatten', 'data_format': 'channels_last'}, 'inbound_nodes': node('conv')},
        {'name': 'dense', 'class_name': 'Dense', 'config': {'name': 'dense', 'units': 3, 'activation': 'softmax', 'use_bias': True}, 'inbound_nodes': node('flatten')},
    ], 'input_layers': [[input_name, 0, 0]], 'output_layers': [['dense', 0, 0]]}}


def tiny_nested(weights):
    inner = tiny_config('tiny', 'input_1')
    inner['name'] = 'tiny'
    inner['inbound_nodes'] = [[['image', 0, 0, {}]]]
    outer = {'class_name': 'Model', 'config': {'name': 'transfer', 'layers': [
        {'name': 'image', 'class_name': 'InputLayer', 'config': {'name': 'image', 'batch_input_shape': [None, 6, 6, 3], 'dtype': 'float32'}, 'inbound_nodes': []},
        inner,
    ], 'input_layers': [['image', 0, 0]], 'output_layers': [['tiny', 0, 0]]}}
    with h5py.File(os.path.join(HERE, 'tiny_nested_full.h5'), 'w') as f:
        f.attrs['keras_version'] = b'2.2.4'
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(outer).encode('utf8')
        group = f.create_group('model_weights')
        group.attrs['layer_names'] = fixed_bytes(['image', 'tiny'])
        group.create_group('image').attrs['weight_names'] = np.asarray([])
        nested = group.create_group('tiny')
        names = ['conv/kernel', 'conv/bias', 'dense/kernel', 'dense/bias']
        nested.attrs['weight_names'] = fixed_bytes([n + ':0' for n in names])
        for n in names:
            nested.create_dataset(n + ':0', data=weights[n])


def bad_files(weights):
    with h5py.File(os.path.join(HERE, 'bad_no_weights.h5'), 'w') as f:
        f.attrs['note'] = 'an HDF5 file without layer_names or model_weights'
    with h5py.File(os.path.join(HERE, 'bad_missing_group.h5'), 'w') as f:
        write_layer_groups(f, ['input_1', 'conv', 'flatten'], weights, fixed_bytes)
        f.attrs['layer_names'] = fixed_bytes(['input_1', 'conv', 'flatten', 'dense'])
    with h5py.File(os.path.join(HERE, 'bad_shape.h5'), 'w') as f:
        wrong = dict(weights)
        wrong['dense/kernel'] = np.zeros((35, 3), np.float32)
        write_layer_groups(f, ['input_1', 'conv', 'flatten', 'dense'], wrong, fixed_bytes)


if __name__ == '__main__':
    mobilenet_full()
    tiny_weights = tiny()
    tiny_nested(tiny_weights)
    bad_files(tiny_weights)
