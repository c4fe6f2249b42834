"""The good-practice library and its adoptions by other units: dispatch task 6."""
