#!/usr/bin/python3
"""Regenerates the JSON fixtures of the evaluation-metric tests.

Run with the Debian interpreter that carries scikit-learn 1.2.1:
    /usr/bin/python3 generate_metrics_fixtures.py
References come from scikit-learn where its definition equals Spark MLlib's, and
from plain numpy re-implementations of Spark's formulas where it does not:
  * areaUnderPR: Spark integrates the PR curve by trapezoids, starting at
    (0, precision at the highest threshold); sklearn's average_precision_score
    is a step-wise sum, so the reference is computed here with numpy.
  * falsePositiveRate by label and its weighted average: not in sklearn.
  * the confusion matrix over Spark's labels (actual labels only).
Where Spark and sklearn differ (the C# code follows Spark):
  * Spark's labels and confusionMatrix cover actual labels only; sklearn uses
    actual and predicted labels. Support-weighted averages agree anyway, since
    a label that is only predicted has zero support
    (multiclass_prediction_only_label.json checks this); macro averages differ.
  * log loss: sklearn 1.2 renormalises each probability row after clipping and
    clips at 1 - eps with log, Spark does neither; rows here sum to one and
    stay away from eps, so the values agree.
  * binary ROC AUC with one class: Spark returns 1 (all positive) or 0 (all
    negative), sklearn raises.
"""
import json
import os

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    hamming_loss,
    log_loss,
    precision_recall_fscore_support,
    roc_auc_score,
)

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261121)


def write(name, payload):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


def class_probabilities(labels, num_classes, signal):
    """Dirichlet noise plus a bump on the true class, rows summing to one."""
    raw = rng.dirichlet(np.ones(num_classes), size=len(labels))
    raw[np.arange(len(labels)), labels] += signal * rng.random(len(labels))
    return raw / raw.sum(axis=1, keepdims=True)


def spark_false_positive_rates(y_true, y_pred, labels, weights):
    total = weights.sum()
    rates = []
    for label in labels:
        false_positives = weights[(y_pred == label) & (y_true != label)].sum()
        rates.append(false_positives / (total - weights[y_true == label].sum()))
    return np.array(rates)


def multiclass_case(y_true, y_pred, weights, probabilities):
    sw = None if weights is None else weights
    w = np.ones(len(y_true)) if weights is None else weights
    spark_labels = np.unique(y_true)
    all_labels = np.unique(np.concatenate([y_true, y_pred]))
    p, r, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=all_labels, sample_weight=sw, zero_division=0)
    _, _, f05, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=all_labels, beta=0.5, sample_weight=sw, zero_division=0)
    weighted = precision_recall_fscore_support(
        y_true, y_pred, average="weighted", sample_weight=sw, zero_division=0)
    weighted_f05 = precision_recall_fscore_support(
        y_true, y_pred, average="weighted", beta=0.5, sample_weight=sw, zero_division=0)[2]
    macro = precision_recall_fscore_support(
        y_true, y_pred, average="macro", sample_weight=sw, zero_division=0)
    fpr = spark_false_positive_rates(y_true, y_pred, spark_labels, w)
    spark_support = np.array([w[y_true == label].sum() for label in spark_labels])
    case = {
        "labels": y_true.tolist(),
        "predictions": y_pred.tolist(),
        "weights": None if weights is None else weights.tolist(),
        "expected": {
            "spark_labels": spark_labels.tolist(),
            "all_labels": all_labels.tolist(),
            "accuracy": accuracy_score(y_true, y_pred, sample_weight=sw),
            "hamming_loss": hamming_loss(y_true, y_pred, sample_weight=sw),
            "weighted_precision": weighted[0],
            "weighted_recall": weighted[1],
            "weighted_f1": weighted[2],
            "weighted_f05": weighted_f05,
            "macro_precision": macro[0],
            "macro_recall": macro[1],
            "macro_f1": macro[2],
            "precision_by_label": p.tolist(),
            "recall_by_label": r.tolist(),
            "f1_by_label": f1.tolist(),
            "f05_by_label": f05.tolist(),
            "support_by_label": [float(s) for s in support] if weights is None
            else [w[y_true == label].sum() for label in all_labels],
            "false_positive_rate_by_spark_label": fpr.tolist(),
            "weighted_false_positive_rate": float((fpr * spark_support).sum() / w.sum()),
            "confusion_matrix_all_labels": confusion_matrix(
                y_true, y_pred, labels=all_labels, sample_weight=sw).astype(float).tolist(),
            "confusion_matrix_spark_labels": confusion_matrix(
                y_true, y_pred, labels=spark_labels, sample_weight=sw).astype(float).tolist(),
        },
    }
    if probabilities is not None:
        case["probabilities"] = probabilities.tolist()
        case["expected"]["log_loss"] = log_loss(
            y_true, probabilities, eps=1e-15, sample_weight=sw, labels=np.arange(probabilities.shape[1]))
        case["expected"]["ovr_auc_macro"] = roc_auc_score(
            y_true, probabilities, multi_class="ovr", average="macro", sample_weight=sw)
        case["expected"]["ovr_auc_weighted"] = roc_auc_score(
            y_true, probabilities, multi_class="ovr", average="weighted", sample_weight=sw)
    return case


def multiclass_fixtures():
    n, k = 500, 5
    y_true = rng.choice(k, size=n, p=[0.35, 0.25, 0.2, 0.12, 0.08])
    probabilities = class_probabilities(y_true, k, signal=1.6)
    y_pred = probabilities.argmax(axis=1)
    weights = np.round(rng.uniform(0.2, 3.0, size=n), 3)

    unweighted = multiclass_case(y_true, y_pred, None, probabilities)
    names = ["cat", "dog", "horse", "sheep", "cow"]
    unweighted["expected"]["class_names"] = names
    unweighted["expected"]["report_text"] = classification_report(y_true, y_pred, zero_division=0)
    unweighted["expected"]["report_text_named_4_digits"] = classification_report(
        y_true, y_pred, target_names=names, digits=4, zero_division=0)
    write("multiclass_unweighted.json", unweighted)
    write("multiclass_weighted.json", multiclass_case(y_true, y_pred, weights, probabilities))

    # Label 5 is predicted for some rows but never is an actual label.
    stray = y_pred.copy()
    stray[rng.choice(n, size=25, replace=False)] = 5
    write("multiclass_prediction_only_label.json", multiclass_case(y_true, stray, weights, None))


def spark_curves(scores, labels, weights):
    """Spark BinaryClassificationMetrics with numBins=0: one point per distinct score."""
    thresholds = np.unique(scores)[::-1]
    positives = weights[labels > 0.5].sum()
    negatives = weights[labels <= 0.5].sum()
    roc, pr = [[0.0, 0.0]], []
    for threshold in thresholds:
        chosen = scores >= threshold
        tp = weights[chosen & (labels > 0.5)].sum()
        fp = weights[chosen & (labels <= 0.5)].sum()
        recall = 0.0 if positives == 0 else tp / positives
        fpr = 0.0 if negatives == 0 else fp / negatives
        precision = 1.0 if tp + fp == 0 else tp / (tp + fp)
        roc.append([fpr, recall])
        pr.append([recall, precision])
    roc.append([1.0, 1.0])
    pr.insert(0, [0.0, pr[0][1]])
    return np.array(roc), np.array(pr)


def trapezoid(points):
    return float(np.sum((points[1:, 0] - points[:-1, 0]) * (points[1:, 1] + points[:-1, 1]) / 2.0))


def binary_case(n, weighted):
    labels = (rng.random(n) < 0.4).astype(float)
    # Two decimals make many tied scores, which Spark groups into one threshold.
    scores = np.round(np.clip(0.35 * labels + rng.normal(0.35, 0.22, size=n), 0.0, 1.0), 2)
    weights = np.round(rng.uniform(0.1, 4.0, size=n), 2) if weighted else np.ones(n)
    roc, pr = spark_curves(scores, labels, weights)
    sw = weights if weighted else None
    return {
        "scores": scores.tolist(),
        "labels": labels.tolist(),
        "weights": weights.tolist() if weighted else None,
        "expected": {
            "distinct_scores": int(len(np.unique(scores))),
            "area_under_roc": roc_auc_score(labels, scores, sample_weight=sw),
            "area_under_roc_numpy": trapezoid(roc),
            "area_under_pr": trapezoid(pr),
            "roc": roc.tolist(),
            "pr": pr.tolist(),
        },
    }


def binary_fixtures():
    write("binary.json", {"unweighted": binary_case(400, False), "weighted": binary_case(400, True)})


multiclass_fixtures()
binary_fixtures()
