def bits(n, width=8):
    return format(n & (1 << width) - 1, f"0{width}b")
print(bits(5), bits(-1), bits(255 ^ 15), bits(1 << 7))
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(i) for i in range(9)], 0xFF >> 4, 0b1111_0000 | 0x0F, ~0b101 & 0xF)
flags = {"read": 1, "write": 2, "exec": 4}
perm = flags["read"] | flags["exec"]
print([name for name, bit in flags.items() if perm & bit])
