rows = [("epoch", "loss", "acc"), (1, 0.91234, 0.5), (2, 0.53311, 0.75), (10, 0.10345, 0.975)]
widths = [max(len(str(r[i])) if not isinstance(r[i], float) else len(f"{r[i]:.3f}") for r in rows) for i in range(3)]
for r in rows:
    cells = [f"{c:.3f}" if isinstance(c, float) else str(c) for c in r]
    print(" | ".join(c.rjust(w) for c, w in zip(cells, widths)))
print("-" * (sum(widths) + 6))
