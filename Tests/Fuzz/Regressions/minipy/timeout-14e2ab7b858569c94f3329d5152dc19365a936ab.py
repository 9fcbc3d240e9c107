y1 = 0
while y1 < 3:
    y1 += 1
    print('%.999999999f' % round(1.7976931348623157e308, 2))
    print(0)
print(0)
print(0)

