def total(*nums, scale=1, **extra):
    s = sum(nums) * scale
    for k in sorted(extra):
        print(k, extra[k])
    return s

print(total(1, 2, 3))
print(total(1, 2, scale=10, note="x", alpha=0.5))
args = [4, 5]
opts = {"scale": 2}
print(total(*args, **opts))
