def det(m):
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    return sum((-1) ** j * m[0][j] * det([row[:j] + row[j + 1:] for row in m[1:]]) for j in range(len(m)))
print(det([[2]]), det([[1, 2], [3, 4]]), det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]))
def transpose(m):
    return [list(r) for r in zip(*m)]
print(transpose([[1, 2, 3], [4, 5, 6]]))
