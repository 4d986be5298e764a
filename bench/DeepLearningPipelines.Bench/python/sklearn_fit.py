"""Fits the same learners as `bench ml` with scikit-learn on the same training rows and prints fit seconds as JSON.

Usage: /usr/bin/python3 sklearn_fit.py TRAIN.csv REPEATS
The CSV has a header; column 0 is the label, the rest are features. Settings mirror the C# side exactly:
multinomial logistic regression (L2, C = 1/(n*regParam), lbfgs, 100 iterations) and MLPs with logistic hidden units,
no L2 penalty (alpha=0), solver lbfgs, the same iteration caps.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    y, x = data[:, 0].astype(int), data[:, 1:]
    n = len(y)
    reg = 0.01
    learners = {
        "logistic-regression": lambda: LogisticRegression(C=1.0 / (n * reg), max_iter=100, tol=1e-6, solver="lbfgs", multi_class="multinomial"),
        "spark-small": lambda: MLPClassifier(hidden_layer_sizes=(8, 4), activation="logistic", solver="lbfgs", alpha=0.0, max_iter=100, tol=1e-6, random_state=1234),
        "spark-large": lambda: MLPClassifier(hidden_layer_sizes=(16, 12), activation="logistic", solver="lbfgs", alpha=0.0, max_iter=400, tol=1e-6, random_state=1234),
        "best-256": lambda: MLPClassifier(hidden_layer_sizes=(256,), activation="logistic", solver="lbfgs", alpha=0.0, max_iter=400, tol=1e-6, random_state=1234),
    }
    xs = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    results = {}
    for name, make in learners.items():
        features = xs if name == "best-256" else x
        times, iterations = [], 0
        for _ in range(repeats):
            model = make()
            start = time.perf_counter()
            model.fit(features, y)
            times.append(time.perf_counter() - start)
            iterations = int(np.max(model.n_iter_))
        results[name] = {"seconds": float(np.median(times)), "iterations": iterations}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
