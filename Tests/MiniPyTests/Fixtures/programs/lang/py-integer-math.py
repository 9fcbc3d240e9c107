print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 10 ** -2, 7 / 2, divmod(100, 7))
print(abs(-5), pow(2, 5, 3), 0.1 + 0.2, round(0.1 + 0.2, 2), 1e-7, 1.5e20, float("inf") > 1e308)
print(int(3.99), int(-3.99), round(3.567, 1), round(-1.5), round(0.5), 3 == 3.0, 5 // 2.0)
print(bin(37), hex(255), oct(64), int("101", 2), 0b1010 | 0b0101, 6 & 3, 6 ^ 3, 1 << 3, ~0)
print(9223372036854775807, -9223372036854775807 - 1, 2 ** 62 + (2 ** 62 - 1))
import math
print(math.gcd(12, 18), math.floor(-2.5), math.ceil(2.1), math.sqrt(16), math.pi, math.isclose(0.1 + 0.2, 0.3))
print(math.log(8, 2), math.log10(1000), math.exp(0), math.factorial(10), math.comb(5, 2), math.prod([1, 2, 3, 4]))
