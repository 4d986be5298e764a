"""Reference logistic regression fits for the C# solver tests, computed with scikit-learn.

Run with the Debian interpreter that has scikit-learn 1.2:  /usr/bin/python3 make_reference.py
Writes logistic_regression_reference.json next to this script.

Spark's objective  (1/n) Σ logloss + λ((1−α)/2‖β‖² + α‖β‖₁)  equals sklearn's  C Σ logloss + (1−α)/2‖β‖² + α‖β‖₁
divided by C·n, so C = 1/(n·λ).  Intercepts are unpenalised in both.  sklearn has no per-feature penalty scaling, so
  * Standardization = true  is reproduced by fitting on (X − μ)/σ and mapping back β = β̃/σ,
  * Standardization = false is reproduced by fitting on X − μ (penalty on the original-scale β);
in both cases b = b̃ − Σ βⱼμⱼ.  σ is the sample standard deviation (ddof = 1) as in Spark's summarizer.
L2 fits use newton-cg, elastic-net fits use saga, both with a tight tolerance.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data", "letter-recognition", "letter-recognition.csv")
ROWS = 3000


def load():
    table = np.loadtxt(CSV, delimiter=",", skiprows=1)[:ROWS]
    return table[:, 1:], table[:, 0].astype(int)


def objective(x, y, coef, intercept, reg, alpha, multinomial):
    margins = x @ coef.T + intercept
    if multinomial:
        top = margins.max(axis=1, keepdims=True)
        lse = np.log(np.exp(margins - top).sum(axis=1)) + top[:, 0]
        loss = np.mean(lse - margins[np.arange(len(y)), y])
    else:
        m = margins[:, 0]
        loss = np.mean(np.logaddexp(0, m) - y * m)
    return loss + reg * ((1 - alpha) / 2 * np.sum(coef ** 2) + alpha * np.sum(np.abs(coef)))


def fit(name, x, y, multinomial, reg, alpha, standardization):
    mean = x.mean(axis=0)
    std = x.std(axis=0, ddof=1)
    z = (x - mean) / std if standardization else x - mean
    n = len(y)
    common = dict(C=1.0 / (n * reg), fit_intercept=True, max_iter=200000,
                  multi_class="multinomial" if multinomial else "ovr")
    if alpha == 0:
        model = LogisticRegression(penalty="l2", solver="newton-cg", tol=1e-10, **{**common, "max_iter": 1000})
    else:
        model = LogisticRegression(penalty="elasticnet", l1_ratio=alpha, solver="saga", tol=1e-12, **common)
    model.fit(z, y)
    coef_z = model.coef_
    coef = coef_z / std if standardization else coef_z.copy()
    intercept = model.intercept_ - coef @ mean
    if multinomial:
        intercept = intercept - intercept.mean()
    penalised = coef_z if standardization else coef
    value = objective(z, y, coef_z, model.intercept_, reg, alpha, multinomial)
    assert abs(value - objective(x, y, coef, intercept, 0, 0, multinomial)
               - reg * ((1 - alpha) / 2 * np.sum(penalised ** 2) + alpha * np.sum(np.abs(penalised)))) < 1e-9
    return {
        "name": name,
        "family": "multinomial" if multinomial else "binomial",
        "regParam": reg,
        "elasticNetParam": alpha,
        "standardization": standardization,
        "coefficients": coef.tolist(),
        "intercepts": intercept.tolist(),
        "objective": value,
        "sklearnIterations": int(np.max(model.n_iter_)),
    }


def main():
    # newton-cg reports line-search warnings once it reaches the rounding floor; the fits are still converged.
    warnings.simplefilter("ignore")
    x, letters = load()
    binary = (letters >= 13).astype(int)
    cases = []
    for standardization in (False, True):
        suffix = "standardized" if standardization else "raw"
        cases.append(fit(f"binomial_l2_{suffix}", x, binary, False, 0.01, 0.0, standardization))
        cases.append(fit(f"binomial_elasticnet_{suffix}", x, binary, False, 0.01, 0.5, standardization))
        cases.append(fit(f"multinomial_l2_{suffix}", x, letters, True, 0.001, 0.0, standardization))
        cases.append(fit(f"multinomial_elasticnet_{suffix}", x, letters, True, 0.002, 0.5, standardization))
    document = {
        "generator": f"make_reference.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "data": "first 3000 rows of letter-recognition.csv; binomial label = (lettr >= 13), multinomial label = lettr",
        "rows": ROWS,
        "cases": cases,
    }
    with open(os.path.join(HERE, "logistic_regression_reference.json"), "w") as out:
        json.dump(document, out, indent=1)
    for case in cases:
        zeros = sum(v == 0 for row in case["coefficients"] for v in row)
        print(case["name"], "objective", case["objective"], "iterations", case["sklearnIterations"], "zero coefficients", zeros)


if __name__ == "__main__":
    main()
