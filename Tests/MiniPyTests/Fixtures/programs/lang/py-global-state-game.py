board = [[" "] * 3 for _ in range(3)]
def place(r, c, mark):
    if board[r][c] != " ":
        raise ValueError(f"cell {r},{c} taken")
    board[r][c] = mark
def winner():
    lines = board + [list(col) for col in zip(*board)] + [[board[i][i] for i in range(3)], [board[i][2 - i] for i in range(3)]]
    for line in lines:
        if line[0] != " " and line.count(line[0]) == 3:
            return line[0]
    return None
for i, (r, c) in enumerate([(0, 0), (1, 1), (0, 1), (2, 2), (0, 2)]):
    place(r, c, "XO"[i % 2])
print("\n".join("|".join(row) for row in board))
print("winner:", winner())
place(0, 0, "O")
