class InsufficientFunds(Exception):
    pass

class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        return self
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has only {self.balance}")
        self.balance -= amount
        return self
    def __str__(self):
        return f"{self.owner}: {self.balance:.2f}"

class Savings(Account):
    interest = 0.05
    def add_interest(self):
        self.balance *= 1 + self.interest

a = Savings("ann", 100).deposit(50)
a.add_interest()
print(a, Account.interest, a.interest)
try:
    a.withdraw(1000)
except InsufficientFunds as e:
    print("refused:", e)
a.deposit(-5)
